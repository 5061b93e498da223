package io.snakepit.client;

import io.grpc.Status;

/**
 * The caller's role does not allow the call (status PERMISSION_DENIED): a {@code call} role asking
 * for an admin operation, say.
 */
public final class PermissionDeniedException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message, Throwable cause) {
    super(Status.Code.PERMISSION_DENIED, message, cause);
  }
}
