package io.snakepit.store;

import java.util.regex.Pattern;

/** The rules for session ids, variable names and program ids, checked at the store's door. */
public final class Identifiers {

  /** Letters, digits and {@code . _ : -}, 1 to 128 characters. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private Identifiers() {}

  public static String checkSessionId(String sessionId) {
    return check("session id", sessionId);
  }

  public static String checkName(String what, String name) {
    return check(what, name);
  }

  private static String check(String what, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new StoreException.InvalidArgument(
          what
              + " must be 1 to 128 letters, digits or . _ : - but was "
              + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }
}
