package io.snakepit.node.config;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size in bytes, parsed from forms like {@code 16MiB}, {@code 512KiB} or {@code 1048576}. */
public record DataSize(long bytes) {

  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]ib|b)?");
  private static final Map<String, Long> UNITS =
      Map.of("b", 1L, "kib", 1L << 10, "mib", 1L << 20, "gib", 1L << 30, "tib", 1L << 40);

  public DataSize {
    if (bytes < 0) {
      throw new IllegalArgumentException("a size must not be negative: " + bytes);
    }
  }

  public static DataSize ofMebibytes(long mebibytes) {
    return new DataSize(mebibytes * 1024 * 1024);
  }

  /**
   * Parses a number of bytes with an optional binary unit ({@code B}, {@code KiB}, {@code MiB},
   * {@code GiB}, {@code TiB}; case does not matter). Decimal units such as {@code MB} are refused
   * rather than guessed at.
   *
   * @throws IllegalArgumentException when the text is not such a size or does not fit a long
   */
  public static DataSize parse(String text) {
    Matcher matcher = FORM.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a size: \"" + text + "\"");
    }
    long unit = matcher.group(2) == null ? 1 : UNITS.get(matcher.group(2));
    try {
      return new DataSize(Math.multiplyExact(Long.parseLong(matcher.group(1)), unit));
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("size too large: \"" + text + "\"", e);
    }
  }

  /** The size as an int, for APIs that take one (gRPC message limits); capped at MAX_VALUE. */
  public int toIntBytes() {
    return (int) Math.min(bytes, Integer.MAX_VALUE);
  }
}
