package io.snakepit.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How a setting's text becomes a typed, valid value.
 *
 * @param expected what a valid text looks like, completing "expected ..." in error messages
 * @param parser turns a text into a value; throws {@link IllegalArgumentException} on a bad one
 */
public record ValueType<T>(String expected, Function<String, T> parser) {

  private static final String NEVER = "never";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern ADAPTER =
      Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*:[A-Za-z_]\\w*");

  /** Parses and validates a text; the exception says only what is wrong with the text itself. */
  public T parse(String text) {
    return parser.apply(text);
  }

  /** A short identifier as it appears in logs and metric labels. */
  static ValueType<String> name() {
    return matching(NAME, "a name of letters, digits, '.', '_' or '-'");
  }

  static ValueType<String> nonBlank() {
    return new ValueType<>(
        "a non-empty text", text -> require(text.strip(), s -> !s.isEmpty(), text));
  }

  /** A Python adapter class, {@code package.module:ClassName}. */
  static ValueType<String> adapter() {
    return matching(ADAPTER, "a Python class as module:Class, e.g. my_pkg.tools:MyAdapter");
  }

  static ValueType<Integer> intRange(int min, int max) {
    return new ValueType<>(
        "an integer from " + min + " to " + max,
        text -> require(parseInt(text), i -> i >= min && i <= max, text));
  }

  static ValueType<Duration> positiveDuration() {
    return new ValueType<>(
        "a positive duration such as 500ms, 5s, 2m, 1h, 1d or PT5S",
        text -> require(Durations.parse(text), d -> !d.isNegative() && !d.isZero(), text));
  }

  /** {@code never}, or a positive duration. */
  static ValueType<Optional<Duration>> durationOrNever() {
    return orNever(positiveDuration());
  }

  /** {@code never}, or a positive size. */
  static ValueType<Optional<DataSize>> sizeOrNever() {
    return orNever(positiveSize());
  }

  /** {@code never}, or a positive count. */
  static ValueType<OptionalInt> countOrNever() {
    ValueType<Integer> count = intRange(1, Integer.MAX_VALUE);
    return new ValueType<>(
        "never, or " + count.expected(),
        text ->
            text.strip().equals(NEVER) ? OptionalInt.empty() : OptionalInt.of(count.parse(text)));
  }

  private static <T> ValueType<Optional<T>> orNever(ValueType<T> type) {
    return new ValueType<>(
        "never, or " + type.expected(),
        text -> text.strip().equals(NEVER) ? Optional.empty() : Optional.of(type.parse(text)));
  }

  static ValueType<DataSize> positiveSize() {
    return new ValueType<>(
        "a positive size such as 16MiB, 512KiB, 1GiB or a plain number of bytes",
        text -> require(DataSize.parse(text), size -> size.bytes() > 0, text));
  }

  static ValueType<Path> path() {
    return new ValueType<>("a file system path", text -> Path.of(nonBlank().parse(text)));
  }

  /** Comma-separated paths; blank entries are dropped so that an empty text is an empty list. */
  static ValueType<List<Path>> pathList() {
    return new ValueType<>(
        "comma-separated file system paths",
        text ->
            Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .toList());
  }

  private static ValueType<String> matching(Pattern pattern, String expected) {
    return new ValueType<>(
        expected, text -> require(text.strip(), s -> pattern.matcher(s).matches(), text));
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an integer: \"" + text + "\"", e);
    }
  }

  private static <T> T require(T value, Predicate<T> valid, String text) {
    if (!valid.test(value)) {
      throw new IllegalArgumentException("out of range: \"" + text + "\"");
    }
    return value;
  }
}
