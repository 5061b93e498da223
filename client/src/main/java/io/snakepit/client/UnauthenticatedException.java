package io.snakepit.client;

import io.grpc.Status;

/**
 * The node does not know who the caller is (status UNAUTHENTICATED): no client certificate of its
 * CA with a role, no token it accepts, or a token this client would not send in plaintext.
 */
public final class UnauthenticatedException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message, Throwable cause) {
    super(Status.Code.UNAUTHENTICATED, message, cause);
  }
}
