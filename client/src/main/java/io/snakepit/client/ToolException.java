package io.snakepit.client;

import io.grpc.Status;

/**
 * The Python tool raised. Status UNKNOWN for an ordinary exception, FAILED_PRECONDITION for a
 * {@code snakepit.PreconditionError}, which tells the caller to fix the session's state first.
 */
public final class ToolException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  private final String pythonType;
  private final String pythonMessage;
  private final String pythonTraceback;

  /**
   * @param code UNKNOWN or FAILED_PRECONDITION
   * @param pythonType the exception's qualified type, e.g. {@code builtins.ValueError}
   */
  public ToolException(
      Status.Code code,
      String pythonType,
      String pythonMessage,
      String pythonTraceback,
      Throwable cause) {
    super(code, pythonType + ": " + pythonMessage, cause);
    this.pythonType = pythonType;
    this.pythonMessage = pythonMessage;
    this.pythonTraceback = pythonTraceback;
  }

  public String pythonType() {
    return pythonType;
  }

  public String pythonMessage() {
    return pythonMessage;
  }

  /** The formatted Python traceback; empty when the node sent none. */
  public String pythonTraceback() {
    return pythonTraceback;
  }

  public boolean isPrecondition() {
    return code() == Status.Code.FAILED_PRECONDITION;
  }
}
