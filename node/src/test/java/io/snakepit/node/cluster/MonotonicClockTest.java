package io.snakepit.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MonotonicClockTest {

  @Test
  void itMovesOnByTheNanosecondsThatPassedFromTheWallClockReadOnce() {
    Instant origin = Instant.parse("2026-12-07T12:00:00Z");
    AtomicLong nanos = new AtomicLong(123_456_789);
    MonotonicClock clock = new MonotonicClock(origin, nanos::get);

    assertThat(clock.instant()).isEqualTo(origin);
    nanos.addAndGet(Duration.ofMillis(1_500).toNanos());
    assertThat(clock.instant()).isEqualTo(origin.plusMillis(1_500));
  }
}
