package io.snakepit.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * The latencies of one client thread, kept whole: a step records at most a few hundred thousand, so
 * percentiles can be exact rather than read from histogram buckets.
 */
final class LatencyLog {

  private long[] nanos = new long[4096];
  private int size;

  void add(long latencyNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, 2 * size);
    }
    nanos[size++] = latencyNanos;
  }

  /** Every latency of every log, in ascending order. */
  static long[] sortedUnion(List<LatencyLog> logs) {
    long[] all = new long[logs.stream().mapToInt(log -> log.size).sum()];
    int at = 0;
    for (LatencyLog log : logs) {
      System.arraycopy(log.nanos, 0, all, at, log.size);
      at += log.size;
    }
    Arrays.sort(all);
    return all;
  }
}
