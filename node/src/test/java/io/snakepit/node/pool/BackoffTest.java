package io.snakepit.node.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), new Random(42));

  @Test
  void delaysDoubleWithEachAttemptWithinTheJitter() {
    for (int attempt = 0; attempt < 6; attempt++) {
      long base = 100L << attempt;
      assertThat(backoff.delay(attempt).toMillis())
          .as("attempt %d", attempt)
          .isBetween(Math.round(base * 0.75), Math.round(base * 1.25));
    }
  }

  @Test
  void delaysNeverPassTheMaximumHoweverManyAttempts() {
    for (int attempt = 0; attempt < 100; attempt++) {
      assertThat(backoff.delay(attempt)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }
    assertThat(backoff.delay(1_000)).isGreaterThanOrEqualTo(Duration.ofMillis(7_500));
  }

  @Test
  void jitterSpreadsWorkersThatDiedTogether() {
    assertThat(
            java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> backoff.delay(3))
                .distinct()
                .count())
        .isGreaterThan(1);
  }
}
