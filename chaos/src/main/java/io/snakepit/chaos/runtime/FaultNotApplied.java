package io.snakepit.chaos.runtime;

/**
 * The runtime could not apply a fault and left the node as it was, so the run can go on without it:
 * Docker's cgroup freezer, for one, gives up on a container whose processes do not stop in time and
 * thaws it again.
 */
public final class FaultNotApplied extends RuntimeException {

  public FaultNotApplied(String message, Throwable cause) {
    super(message, cause);
  }
}
