package io.snakepit.client;

import io.grpc.Status;

/**
 * A call to a node failed. The subclass says what the caller can do about it; {@link #code()} is
 * the gRPC status the node (or the channel) reported.
 */
public class SnakepitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Status.Code code;

  protected SnakepitException(Status.Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Status.Code code() {
    return code;
  }
}
