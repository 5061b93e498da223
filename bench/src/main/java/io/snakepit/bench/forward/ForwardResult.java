package io.snakepit.bench.forward;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run of the forwarding benchmark.
 *
 * @param ranOn for each route, how many of its answered calls each node ran, over the whole run
 *     (warm-ups included)
 */
record ForwardResult(List<ForwardStep> steps, Map<Route, Map<String, Long>> ranOn) {

  ForwardStep step(Route route, int clients) {
    return steps.stream()
        .filter(step -> step.route() == route && step.clients() == clients)
        .findFirst()
        .orElseThrow();
  }

  /**
   * No measured call failed, and every answered call of both routes ran on the owner: the local
   * ones stayed there, the forwarded ones made their hop.
   */
  boolean clean() {
    return steps.stream().allMatch(step -> step.measurement().errors() == 0)
        && ranOn.values().stream().allMatch(ForwardResult::allOnOwner);
  }

  /** Calls ran, and all of them on the owner. */
  static boolean allOnOwner(Map<String, Long> callsByNode) {
    return callsByNode.keySet().equals(Set.of(Route.OWNER));
  }
}
