package io.snakepit.node.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the duration forms people write in config files: {@code 500ms}, {@code 5s}, {@code PT5S}.
 */
final class Durations {

  private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses a whole number with a unit ({@code ms}, {@code s}, {@code m}, {@code h}, {@code d}) or
   * an ISO-8601 duration such as {@code PT1M30S}.
   *
   * @throws IllegalArgumentException when the text is neither
   */
  static Duration parse(String text) {
    String trimmed = text.strip();
    if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
      return parseIso(trimmed);
    }
    Matcher matcher = SHORT_FORM.matcher(trimmed.toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: \"" + text + "\"");
    }
    try {
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration too long: \"" + text + "\"", e);
    }
  }

  private static Duration parseIso(String text) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an ISO-8601 duration: \"" + text + "\"", e);
    }
  }
}
