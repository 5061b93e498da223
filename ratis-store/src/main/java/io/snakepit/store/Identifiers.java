package io.snakepit.store;

/** The rules for session ids, variable names and program ids, checked at the store's door. */
public final class Identifiers {

  private static final int MAX_LENGTH = 128;

  private Identifiers() {}

  public static String checkSessionId(String sessionId) {
    return check("session id", sessionId);
  }

  public static String checkName(String what, String name) {
    return check(what, name);
  }

  private static String check(String what, String value) {
    if (value == null || !isIdentifier(value)) {
      throw new StoreException.InvalidArgument(
          what
              + " must be 1 to 128 letters, digits or . _ : - but was "
              + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  /**
   * Letters, digits and {@code . _ : -}, 1 to 128 characters. A loop, not a regular expression:
   * every command is checked on every replica's one applying thread.
   */
  private static boolean isIdentifier(String value) {
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == ':'
              || c == '-';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
