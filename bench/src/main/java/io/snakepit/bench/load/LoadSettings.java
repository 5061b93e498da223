package io.snakepit.bench.load;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * How long and how wide a benchmark's closed-loop steps run.
 *
 * @param clients the client counts, one step per count and per thing measured
 * @param warmup unmeasured load at the start of each step
 * @param window the measured part of each step
 * @param initialWarmup load on each thing measured before the first step, at the largest client
 *     count: fresh JVMs run several times slower for their first minute
 */
public record LoadSettings(
    List<Integer> clients, Duration warmup, Duration window, Duration initialWarmup) {

  public LoadSettings {
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

  /** A smoke run at these client counts: a few seconds of load, not a measurement. */
  public static LoadSettings quick(List<Integer> clients) {
    return new LoadSettings(
        clients, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  public int maxClients() {
    return clients.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  /** The timings in words, for the report; {@code measured} names what each step measures. */
  public String describe(String measured) {
    return "each step "
        + seconds(warmup)
        + " of warm-up then "
        + seconds(window)
        + " measured; "
        + seconds(initialWarmup)
        + " of warm-up on each "
        + measured
        + " first";
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
  }
}
