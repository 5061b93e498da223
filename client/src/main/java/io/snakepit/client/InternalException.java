package io.snakepit.client;

import io.grpc.Status;

/** A bug in the node; its log has the context (status INTERNAL). */
public final class InternalException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public InternalException(String message, Throwable cause) {
    super(Status.Code.INTERNAL, message, cause);
  }
}
