package io.snakepit.client;

import io.grpc.Status;

/**
 * The request itself is wrong (bad arguments, bad id, payload over the limit): retrying will not
 * help (status INVALID_ARGUMENT).
 */
public final class InvalidArgumentException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message, Throwable cause) {
    super(Status.Code.INVALID_ARGUMENT, message, cause);
  }
}
