package io.snakepit.chaos.fault;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who can still talk to whom during a partition, and how the report says it.
 *
 * @param reachable for each node, the nodes it exchanges messages with (itself included)
 */
record Split(Map<String, Set<String>> reachable, String description) {

  /** Disjoint components: nodes talk exactly within their own. */
  static Split ofComponents(List<Set<String>> components, String description) {
    Map<String, Set<String>> reachable = new LinkedHashMap<>();
    for (Set<String> component : components) {
      component.forEach(node -> reachable.put(node, component));
    }
    return new Split(reachable, description);
  }
}
