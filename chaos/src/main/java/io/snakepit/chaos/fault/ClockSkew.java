package io.snakepit.chaos.fault;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;

/**
 * A wall clock set apart from the true time and running at its own rate: {@code jump} away at
 * first, then gaining {@code rate - 1} seconds a second (losing, below 1).
 */
record ClockSkew(Duration jump, double rate) {

  /** The smallest jump drawn, either way: below it, a jump is lost in the clock's steps. */
  static final Duration MIN_JUMP = Duration.ofSeconds(5);

  /** The largest jump drawn, either way. */
  static final Duration MAX_JUMP = Duration.ofMinutes(3);

  /** The rate drawn lies between 1 / MAX_RATE and MAX_RATE. */
  static final double MAX_RATE = 2;

  /**
   * A jump of whole seconds between {@link #MIN_JUMP} and {@link #MAX_JUMP}, forward or back, and a
   * rate to two decimals whose logarithm is uniform, so that a clock runs slow as often as fast.
   */
  static ClockSkew draw(Random random) {
    long seconds =
        MIN_JUMP.toSeconds() + random.nextLong(MAX_JUMP.toSeconds() - MIN_JUMP.toSeconds() + 1);
    Duration jump = Duration.ofSeconds(random.nextBoolean() ? seconds : -seconds);
    double exponent = 2 * random.nextDouble() - 1;
    double rate = Math.round(Math.pow(MAX_RATE, exponent) * 100) / 100.0;
    return new ClockSkew(jump, rate);
  }

  /** How far the clock is from the true time {@code elapsed} after the jump. */
  Duration offsetAfter(Duration elapsed) {
    return jump.plusMillis(Math.round((rate - 1) * elapsed.toMillis()));
  }

  /** "clock +97 s, running x1.5". */
  String describe() {
    return String.format(
        Locale.ROOT,
        "clock %+d s, running x%s",
        jump.toSeconds(),
        BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString());
  }
}
