package io.snakepit.store.common;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the pending access times of a {@link TouchBuffer} to a writer on a schedule, all of them in
 * one batch each time.
 */
public final class TouchFlusher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TouchFlusher.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final TouchBuffer touches;
  private final Consumer<Map<String, Instant>> writer;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("snakepit-store-touch-flush"));

  /**
   * @param writer stores a batch of access times, or throws to have them retried at the next flush
   */
  public TouchFlusher(TouchBuffer touches, Consumer<Map<String, Instant>> writer) {
    this.touches = touches;
    this.writer = writer;
  }

  public void start(Duration interval) {
    scheduler.scheduleWithFixedDelay(
        this::flushLoggingFailures, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Writes every pending access time now. */
  public void flush() {
    Map<String, Instant> toWrite = touches.toWrite();
    if (toWrite.isEmpty()) {
      return;
    }
    writer.accept(toWrite);
    touches.written(toWrite);
  }

  /** Stops the schedule, then writes what is pending. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("The touch flush did not stop within {}", STOP_TIMEOUT);
      }
      flushLoggingFailures();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while closing: access times since the last flush are lost");
    }
  }

  private void flushLoggingFailures() {
    try {
      flush();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; the touches stay pending for the next try.
      LOG.warn("Writing access times failed; the next flush retries them", e);
    }
  }
}
