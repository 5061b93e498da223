package io.snakepit.store.embedded;

import io.snakepit.store.v1.SessionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the pending access times of a {@link TouchBuffer} on a schedule, one batch each time. */
final class TouchFlusher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TouchFlusher.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final TouchBuffer touches;
  private final SessionRecords records;
  private final StripedLocks locks;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "snakepit-store-touch-flush");
            thread.setDaemon(true);
            return thread;
          });

  TouchFlusher(TouchBuffer touches, SessionRecords records, StripedLocks locks) {
    this.touches = touches;
    this.records = records;
    this.locks = locks;
  }

  void start(Duration interval) {
    scheduler.scheduleWithFixedDelay(
        this::flushLoggingFailures, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Writes every pending access time that is later than the stored one. Under the sessions' locks,
   * so that a concurrent write of a session record neither loses the touch nor is overwritten by
   * it.
   */
  void flush() {
    Map<String, Instant> toWrite = touches.toWrite();
    if (toWrite.isEmpty()) {
      return;
    }
    try (StripedLocks.Held held = locks.lockAll(toWrite.keySet())) {
      List<SessionRecord> touched =
          toWrite.entrySet().stream()
              .flatMap(touch -> touchedRecord(touch.getKey(), touch.getValue()).stream())
              .toList();
      records.putSessions(touched);
    }
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

  /**
   * Empty when the session is gone (deleted after the touch) or already stored as accessed later.
   */
  private Optional<SessionRecord> touchedRecord(String sessionId, Instant at) {
    return records
        .session(sessionId)
        .filter(record -> record.getLastAccessedMillis() < at.toEpochMilli())
        .map(record -> RecordCodec.touched(record, at));
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
