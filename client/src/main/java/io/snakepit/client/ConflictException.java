package io.snakepit.client;

import io.grpc.Status;

/**
 * A compare-and-set lost against a concurrent write: re-read and retry at a higher level (status
 * ABORTED).
 */
public final class ConflictException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message, Throwable cause) {
    super(Status.Code.ABORTED, message, cause);
  }
}
