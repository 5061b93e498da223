package io.snakepit.chaos.checker;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The end of a time budget on an injectable monotonic clock. */
final class Deadline {
  private final LongSupplier nanoClock;
  private final long start;
  private final long end;

  Deadline(Duration budget, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.start = nanoClock.getAsLong();
    this.end = start + budget.toNanos();
  }

  boolean expired() {
    return nanoClock.getAsLong() - end > 0;
  }

  Duration elapsed() {
    return Duration.ofNanos(nanoClock.getAsLong() - start);
  }
}
