package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The group's time against a wall clock that steps and drifts, with real time passing apart. */
class LeaderTimeTest {

  private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");

  private final MutableClock wall = new MutableClock(START);
  private final AtomicLong realNanos = new AtomicLong();
  private final LeaderTime time = new LeaderTime(wall, realNanos::get);

  /** Real time passes, and a correct wall clock with it. */
  private void pass(Duration duration) {
    realNanos.addAndGet(duration.toNanos());
    wall.advance(duration);
  }

  @Test
  void withACorrectClockTheGroupsTimeIsTheWallClocks() {
    assertThat(time.stamp()).isEqualTo(START.toEpochMilli());
    pass(Duration.ofSeconds(5));
    assertThat(time.stamp()).isEqualTo(START.plusSeconds(5).toEpochMilli());
  }

  @Test
  void aClockSteppedForwardMovesTheTimeOnlyAsFarAsRealTimePassed() {
    time.stamp();
    wall.advance(Duration.ofMinutes(3));
    pass(Duration.ofSeconds(2));

    assertThat(time.stamp()).isEqualTo(START.plusSeconds(2).toEpochMilli());
  }

  @Test
  void aClockSteppedBackHoldsTheTimeStillUntilItCatchesUp() {
    pass(Duration.ofSeconds(10));
    long before = time.stamp();
    wall.advance(Duration.ofMinutes(-1));
    pass(Duration.ofSeconds(30));

    assertThat(time.stamp()).isEqualTo(before);
    pass(Duration.ofSeconds(40));
    assertThat(time.stamp()).isEqualTo(before + Duration.ofSeconds(10).toMillis());
  }

  @Test
  void aClockRunningTwiceTooFastAgesNothingFasterThanRealTime() {
    long first = time.stamp();
    for (int second = 1; second <= 10; second++) {
      realNanos.addAndGet(Duration.ofSeconds(1).toNanos());
      wall.advance(Duration.ofSeconds(2));
      time.stamp();
    }

    assertThat(time.stamp()).isEqualTo(first + Duration.ofSeconds(10).toMillis());
  }

  @Test
  void aNewLeaderGoesOnFromTheTimeItLearnedNotFromItsOwnWrongClock() {
    long groupTime = START.minusSeconds(600).toEpochMilli(); // this node's clock is 10 min ahead
    time.learned(groupTime);
    realNanos.addAndGet(Duration.ofSeconds(3).toNanos());

    assertThat(time.stamp()).isEqualTo(groupTime + Duration.ofSeconds(3).toMillis());
  }

  @Test
  void aLaterEntryTeachesItsTimeAnEarlierOneDoesNot() {
    time.learned(1_000_000);
    time.learned(900_000);
    wall.set(Instant.ofEpochMilli(5_000_000));

    assertThat(time.stamp()).isEqualTo(1_000_000);
  }
}
