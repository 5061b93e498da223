package io.snakepit.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a system with a fixed set of clients, each on its own thread calling again as soon as its
 * previous call answered (a closed loop, as a service's request threads call a backend): first for
 * a warm-up, then for a measured window. A call counts in the window it answered in, so that
 * calls/s is what the system completed then.
 */
public final class ClosedLoop {

  private ClosedLoop() {}

  public static StepMeasurement run(List<ClientCall> clients, Duration warmup, Duration window) {
    long windowStart = System.nanoTime() + warmup.toNanos();
    long windowEnd = windowStart + window.toNanos();
    List<ClientLoop> loops = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (ClientCall client : clients) {
      ClientLoop loop = new ClientLoop(client, windowStart, windowEnd);
      loops.add(loop);
      threads.add(new Thread(loop, "bench-client-" + threads.size()));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      join(thread);
    }
    List<LatencyLog> logs = loops.stream().map(loop -> loop.latencies).toList();
    long errors = loops.stream().mapToLong(loop -> loop.errors).sum();
    String firstError =
        loops.stream()
            .map(loop -> loop.firstError)
            .filter(error -> error != null)
            .findFirst()
            .orElse(null);
    return new StepMeasurement(LatencyLog.sortedUnion(logs), errors, firstError, window);
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while clients ran", e);
    }
  }

  /** One client's thread; read by the caller only after the thread ended. */
  private static final class ClientLoop implements Runnable {

    private final ClientCall client;
    private final long windowStart;
    private final long windowEnd;
    private final LatencyLog latencies = new LatencyLog();
    private long errors;
    private String firstError;

    ClientLoop(ClientCall client, long windowStart, long windowEnd) {
      this.client = client;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    @Override
    public void run() {
      for (long start = System.nanoTime(); start < windowEnd; start = System.nanoTime()) {
        RuntimeException failure = callOnce();
        long end = System.nanoTime();
        if (end >= windowStart && end < windowEnd) {
          count(failure, end - start);
        }
      }
    }

    private RuntimeException callOnce() {
      try {
        client.call();
        return null;
      } catch (RuntimeException e) {
        return e;
      }
    }

    private void count(RuntimeException failure, long latencyNanos) {
      if (failure == null) {
        latencies.add(latencyNanos);
        return;
      }
      errors++;
      if (firstError == null) {
        firstError = failure.toString();
      }
    }
  }
}
