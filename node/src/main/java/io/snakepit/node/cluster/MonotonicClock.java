package io.snakepit.node.cluster;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * A clock that only measures time passing ({@link System#nanoTime}), for the durations a node
 * judges its peers by: how long since it last heard from one, how long a follower has been stuck. A
 * wall clock stepped forward would make every peer look dead or stuck at once (the chaos suite's
 * clock fault does exactly that); this one reads the wall clock once, when made, and never again.
 */
public final class MonotonicClock extends Clock {

  private final Instant origin;
  private final long originNanos;
  private final LongSupplier nanos;

  MonotonicClock(Instant origin, LongSupplier nanos) {
    this.origin = origin;
    this.nanos = nanos;
    this.originNanos = nanos.getAsLong();
  }

  public static MonotonicClock start() {
    return new MonotonicClock(Instant.now(), System::nanoTime);
  }

  @Override
  public Instant instant() {
    return origin.plusNanos(nanos.getAsLong() - originNanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
