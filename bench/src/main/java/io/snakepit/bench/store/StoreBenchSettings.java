package io.snakepit.bench.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * How long and how wide the store benchmark runs.
 *
 * @param clients the client counts, one step per count and operation and system
 * @param warmup unmeasured load at the start of each step
 * @param window the measured part of each step
 * @param initialWarmup load on each system before the first step, at the largest client count, half
 *     writes and half reads: fresh JVMs run several times slower for their first minute
 */
record StoreBenchSettings(
    List<Integer> clients, Duration warmup, Duration window, Duration initialWarmup) {

  StoreBenchSettings {
    clients = List.copyOf(clients);
    if (clients.isEmpty() || clients.stream().anyMatch(count -> count < 1)) {
      throw new IllegalArgumentException("client counts must be positive: " + clients);
    }
    if (warmup.isNegative()
        || initialWarmup.isNegative()
        || window.isNegative()
        || window.isZero()) {
      throw new IllegalArgumentException(
          "warm-ups must not be negative and the window must be positive");
    }
  }

  /** The measurement the issue asks for: 1, 16 and 64 clients. */
  static StoreBenchSettings standard() {
    return new StoreBenchSettings(
        List.of(1, 16, 64), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60));
  }

  /** A smoke run: a few seconds of load that exercise every path, not a measurement. */
  static StoreBenchSettings quick() {
    return new StoreBenchSettings(
        List.of(1, 4), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  int maxClients() {
    return clients.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  /** The timings in words, for the report. */
  String describe() {
    return "each step "
        + seconds(warmup)
        + " of warm-up then "
        + seconds(window)
        + " measured; "
        + seconds(initialWarmup)
        + " of warm-up on each system first";
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }
}
