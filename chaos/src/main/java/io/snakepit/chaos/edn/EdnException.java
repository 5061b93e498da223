package io.snakepit.chaos.edn;

/** Text that is not EDN, or EDN this reader does not support, with where it went wrong. */
public final class EdnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  EdnException(String message, int line) {
    super("line " + line + ": " + message);
  }
}
