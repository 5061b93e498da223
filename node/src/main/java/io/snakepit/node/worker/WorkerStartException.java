package io.snakepit.node.worker;

/** A worker died or timed out before it was ready; the message carries its last stderr lines. */
public final class WorkerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public WorkerStartException(String message) {
    super(message);
  }
}
