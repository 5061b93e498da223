package io.snakepit.client;

import io.grpc.Status;

/** The call's deadline passed before it completed (status DEADLINE_EXCEEDED). */
public final class DeadlineExceededException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public DeadlineExceededException(String message, Throwable cause) {
    super(Status.Code.DEADLINE_EXCEEDED, message, cause);
  }
}
