package io.snakepit.node.cli;

import io.snakepit.node.config.NodeConfigKeys;
import io.snakepit.node.config.ValueType;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a positive duration in the forms the config file accepts ({@code 500ms}, {@code 30s},
 * {@code 2m}, {@code 1h}, {@code 1d}, {@code PT5S}), with the config's own parser so that flags and
 * files agree.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  // The config module exposes its parsers only through its keys; any positive-duration key will do.
  private static final ValueType<Duration> POSITIVE_DURATION =
      NodeConfigKeys.EXECUTE_DEFAULT_TIMEOUT.type();

  @Override
  public Duration convert(String text) {
    try {
      return POSITIVE_DURATION.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + text + "' is not " + POSITIVE_DURATION.expected());
    }
  }

  /** A session TTL: a positive duration, or {@code never} for a session that does not expire. */
  static final class OrNever implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
      return text.strip().equalsIgnoreCase("never")
          ? Duration.ZERO
          : new DurationConverter().convert(text);
    }
  }
}
