package io.snakepit.chaos.fault;

/**
 * One fault from its injection to its healing, on the history's clock.
 *
 * @param startNanos when it was in force (after the inject call returned)
 * @param endNanos when the heal call returned
 */
public record FaultWindow(String fault, String description, long startNanos, long endNanos) {

  /** Whether the fault struck the node that led the group: its description says so. */
  public boolean hitTheLeader() {
    return description.contains(Targets.THE_LEADER);
  }
}
