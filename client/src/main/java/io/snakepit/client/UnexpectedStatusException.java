package io.snakepit.client;

import io.grpc.Status;

/**
 * A status that Snakepit nodes do not use for a known situation, such as {@code CANCELLED} after
 * the caller cancelled, {@code UNIMPLEMENTED} from a server that is not a Snakepit node, or {@code
 * UNKNOWN} without a tool error.
 */
public final class UnexpectedStatusException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public UnexpectedStatusException(Status.Code code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
