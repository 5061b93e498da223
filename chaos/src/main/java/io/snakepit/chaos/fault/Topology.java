package io.snakepit.chaos.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/** A way of cutting a cluster into parts, as Jepsen's partition nemeses do. */
enum Topology {
  /** The leader alone on one side, every other node on the other: the group must elect anew. */
  ISOLATE_LEADER("partition-leader") {
    @Override
    Split split(List<String> nodes, Optional<String> leader, Random random) {
      String alone = leader.orElse(nodes.get(random.nextInt(nodes.size())));
      Set<String> rest = new LinkedHashSet<>(nodes);
      rest.remove(alone);
      return Split.ofComponents(
          List.of(Set.of(alone), rest),
          "isolated " + alone + (leader.isPresent() ? Targets.THE_LEADER : "") + " from " + rest);
    }
  },
  /** A random minority and a majority: writes go on only on the majority's side. */
  HALVES("partition-halves") {
    @Override
    Split split(List<String> nodes, Optional<String> leader, Random random) {
      List<String> shuffled = shuffled(nodes, random);
      int minority = nodes.size() / 2;
      Set<String> small = new LinkedHashSet<>(shuffled.subList(0, minority));
      Set<String> large = new LinkedHashSet<>(shuffled.subList(minority, shuffled.size()));
      return Split.ofComponents(List.of(small, large), small + " | " + large);
    }
  },
  /**
   * Every node sees a majority, but no two see the same one: on a ring, each node talks to its
   * nearest neighbours. With three nodes a ring reaches everyone, so one link is cut instead (a
   * bridge: two nodes see a majority through the third).
   */
  MAJORITIES_RING("partition-ring") {
    @Override
    Split split(List<String> nodes, Optional<String> leader, Random random) {
      List<String> ring = shuffled(nodes, random);
      int n = ring.size();
      int reach = Math.max(1, (n / 2 + 1) / 2);
      Map<String, Set<String>> reachable = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Set<String> seen = new LinkedHashSet<>();
        for (int j = 0; j < n; j++) {
          int distance = Math.min(Math.abs(i - j), n - Math.abs(i - j));
          boolean bridgeCut = n <= 3 && Math.abs(i - j) == n - 1;
          if (distance <= reach && !bridgeCut) {
            seen.add(ring.get(j));
          }
        }
        reachable.put(ring.get(i), seen);
      }
      return new Split(reachable, "majorities ring " + ring);
    }
  };

  private final String faultName;

  Topology(String faultName) {
    this.faultName = faultName;
  }

  String faultName() {
    return faultName;
  }

  abstract Split split(List<String> nodes, Optional<String> leader, Random random);

  private static List<String> shuffled(List<String> nodes, Random random) {
    List<String> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, random);
    return shuffled;
  }
}
