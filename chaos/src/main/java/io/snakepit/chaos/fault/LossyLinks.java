package io.snakepit.chaos.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The links that lose packets, both ways, and how the report says it.
 *
 * @param from for each node, the nodes whose packets it drops a share of
 */
record LossyLinks(Map<String, Set<String>> from, String description) {

  /** Every link of one node: the node against the rest of the cluster. */
  static LossyLinks around(Targets.Target target, List<String> nodes) {
    List<List<String>> links = new ArrayList<>();
    List<String> others = new ArrayList<>(nodes);
    others.remove(target.node());
    others.forEach(other -> links.add(List.of(target.node(), other)));
    return new LossyLinks(both(links), "between " + target.label() + " and " + others);
  }

  /** Each link of the cluster lossy with even odds; at least one. */
  static LossyLinks drawn(List<String> nodes, Random random) {
    List<List<String>> all = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (int j = i + 1; j < nodes.size(); j++) {
        all.add(List.of(nodes.get(i), nodes.get(j)));
      }
    }
    List<List<String>> links = new ArrayList<>();
    all.forEach(
        link -> {
          if (random.nextBoolean()) {
            links.add(link);
          }
        });
    if (links.isEmpty()) {
      links.add(all.get(random.nextInt(all.size())));
    }
    return new LossyLinks(
        both(links),
        "on links "
            + String.join(", ", links.stream().map(l -> l.get(0) + "-" + l.get(1)).toList()));
  }

  private static Map<String, Set<String>> both(List<List<String>> links) {
    Map<String, Set<String>> from = new LinkedHashMap<>();
    for (List<String> link : links) {
      from.computeIfAbsent(link.get(0), node -> new LinkedHashSet<>()).add(link.get(1));
      from.computeIfAbsent(link.get(1), node -> new LinkedHashSet<>()).add(link.get(0));
    }
    return from;
  }
}
