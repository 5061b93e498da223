package io.snakepit.bench.load;

import java.time.Duration;
import java.util.Locale;

/**
 * What one step measured: the latency of every call that answered within the window, the calls that
 * failed within it, and the first failure's message.
 *
 * @param sortedLatencyNanos ascending
 * @param firstError null when no call failed
 */
public record StepMeasurement(
    long[] sortedLatencyNanos, long errors, String firstError, Duration window) {

  public long calls() {
    return sortedLatencyNanos.length;
  }

  public double callsPerSecond() {
    return calls() / (window.toNanos() / 1e9);
  }

  /** Its figures in a line: calls/s, p50, p99, errors and the first error's message. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%.0f calls/s, p50 %.0f µs, p99 %.0f µs, %d errors%s",
        callsPerSecond(),
        percentileMicros(50),
        percentileMicros(99),
        errors,
        firstError == null ? "" : " (first: " + firstError + ")");
  }

  /** The latency below which {@code percent} of the calls answered (nearest rank), in µs. */
  public double percentileMicros(double percent) {
    if (sortedLatencyNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percent / 100 * sortedLatencyNanos.length);
    return sortedLatencyNanos[Math.max(0, rank - 1)] / 1_000.0;
  }
}
