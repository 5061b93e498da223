package io.snakepit.client;

import io.grpc.Status;

/** The session, variable, program or tool does not exist (status NOT_FOUND). */
public final class NotFoundException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message, Throwable cause) {
    super(Status.Code.NOT_FOUND, message, cause);
  }
}
