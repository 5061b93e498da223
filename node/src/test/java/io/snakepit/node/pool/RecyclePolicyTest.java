package io.snakepit.node.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.node.config.DataSize;
import io.snakepit.node.config.WorkerLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RecyclePolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void neverRecyclesWithoutLimits() {
    RecyclePolicy policy = policy(OptionalInt.empty(), Optional.empty(), Optional.empty());

    assertThat(policy.afterCall(1_000_000, NOW.minus(Duration.ofDays(365)))).isEmpty();
    assertThat(policy.whenIdle(NOW.minus(Duration.ofDays(365)), Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void recyclesOnTheCallThatReachesTheQuota() {
    RecyclePolicy policy = policy(OptionalInt.of(3), Optional.empty(), Optional.empty());

    assertThat(policy.afterCall(2, NOW)).isEmpty();
    assertThat(policy.afterCall(3, NOW)).contains(RecyclePolicy.Reason.CALLS);
  }

  @Test
  void recyclesAWorkerThatReachedItsLifetimeAfterACallOrWhenIdle() {
    RecyclePolicy policy =
        policy(OptionalInt.empty(), Optional.of(Duration.ofMinutes(10)), Optional.empty());

    assertThat(policy.afterCall(1, NOW.minus(Duration.ofMinutes(9)))).isEmpty();
    assertThat(policy.afterCall(1, NOW.minus(Duration.ofMinutes(10))))
        .contains(RecyclePolicy.Reason.LIFETIME);
    assertThat(policy.whenIdle(NOW.minus(Duration.ofHours(1)), 0))
        .contains(RecyclePolicy.Reason.LIFETIME);
  }

  @Test
  void recyclesAnIdleWorkerAboveItsMemoryLimit() {
    RecyclePolicy policy =
        policy(OptionalInt.empty(), Optional.empty(), Optional.of(DataSize.ofMebibytes(100)));

    assertThat(policy.whenIdle(NOW, 100L * 1024 * 1024)).isEmpty();
    assertThat(policy.whenIdle(NOW, 100L * 1024 * 1024 + 1)).contains(RecyclePolicy.Reason.MEMORY);
  }

  private static RecyclePolicy policy(
      OptionalInt calls, Optional<Duration> lifetime, Optional<DataSize> memory) {
    return new RecyclePolicy(
        new WorkerLifecycle(
            calls, lifetime, memory, Duration.ofSeconds(5), Duration.ofSeconds(5), 5),
        CLOCK);
  }
}
