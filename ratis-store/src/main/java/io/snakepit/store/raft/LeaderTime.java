package io.snakepit.store.raft;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The group's time, as a leader stamps it into each entry it appends: its wall clock, held between
 * the latest group time this replica knows and that time plus how far its monotonic clock has run
 * since it learned it. So a wall clock stepped forward, or running fast, on any node cannot age
 * sessions faster than real time, whichever node leads; one stepped back holds the group's time
 * still until it catches up. A session may then live longer than its TTL, never shorter.
 *
 * <p>Every replica learns the time of each entry it applies, so that a new leader goes on from it.
 * A replica that knows no time yet (a new group) takes its wall clock as it is. The time the group
 * had no leader to stamp entries (whole-group restarts) is not counted.
 */
final class LeaderTime {

  private static final long NANOS_PER_MILLI = 1_000_000;

  private final Clock wall;
  private final LongSupplier monotonicNanos;
  private boolean known;
  private long knownMillis;
  private long knownAtNanos;

  /**
   * @param monotonicNanos {@link System#nanoTime}, which clock faults do not step
   */
  LeaderTime(Clock wall, LongSupplier monotonicNanos) {
    this.wall = wall;
    this.monotonicNanos = monotonicNanos;
  }

  /** The time of an entry this replica applied. */
  synchronized void learned(long groupMillis) {
    if (!known || groupMillis > knownMillis) {
      known = true;
      knownMillis = groupMillis;
      knownAtNanos = monotonicNanos.getAsLong();
    }
  }

  /** The time to stamp into the entry this replica, leading, appends now. */
  synchronized long stamp() {
    long wallMillis = wall.millis();
    if (!known) {
      learned(wallMillis);
      return wallMillis;
    }
    long now = monotonicNanos.getAsLong();
    long latest = knownMillis + (now - knownAtNanos) / NANOS_PER_MILLI;
    long stamp = Math.max(knownMillis, Math.min(wallMillis, latest));
    knownMillis = stamp;
    knownAtNanos = now;
    return stamp;
  }
}
