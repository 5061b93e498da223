package io.snakepit.node.security;

/** A token file that cannot be used: unreadable, or a line that is not a token's entry. */
public final class TokenFileException extends RuntimeException {

  TokenFileException(String message) {
    super(message);
  }

  TokenFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
