package io.snakepit.chaos.model;

import io.snakepit.chaos.edn.Keyword;
import java.util.Arrays;
import java.util.List;

/** The register operation names Jepsen uses, and the shape of a compare-and-set's value. */
public final class RegisterOps {
  public static final Keyword READ = Keyword.of("read");
  public static final Keyword WRITE = Keyword.of("write");
  public static final Keyword CAS = Keyword.of("cas");

  /** Makes the register absent again, as deleting a session variable does. */
  public static final Keyword DELETE = Keyword.of("delete");

  private RegisterOps() {}

  /** A compare-and-set's value: {@code [expected new]}. */
  public static List<Object> casValue(Object expected, Object replacement) {
    return Arrays.asList(expected, replacement);
  }

  static Object expected(Object casValue) {
    return pair(casValue).get(0);
  }

  static Object replacement(Object casValue) {
    return pair(casValue).get(1);
  }

  private static List<?> pair(Object casValue) {
    if (!(casValue instanceof List) || ((List<?>) casValue).size() != 2) {
      throw new IllegalArgumentException("a :cas value must be [expected new], got " + casValue);
    }
    return (List<?>) casValue;
  }
}
