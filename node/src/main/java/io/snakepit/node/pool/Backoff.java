package io.snakepit.node.pool;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: {@code initial * 2^attempt}, capped, then spread by ±25% so that
 * workers that died together do not all restart in the same instant.
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final RandomGenerator random;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  Duration delay(int attempt) {
    long base = initial.toMillis() << Math.min(attempt, 20);
    long capped = Math.min(base, max.toMillis());
    double jitter = 0.75 + random.nextDouble() * 0.5;
    return Duration.ofMillis(Math.min(max.toMillis(), Math.round(capped * jitter)));
  }
}
