package io.snakepit.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClockSkewTest {

  @Test
  void drawsJumpsBothWaysWithinTheBoundsAndRatesBothSidesOfOne() {
    Random random = new Random(7);
    List<ClockSkew> skews = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      skews.add(ClockSkew.draw(random));
    }

    assertThat(skews)
        .allSatisfy(
            skew -> {
              assertThat(skew.jump().abs()).isBetween(ClockSkew.MIN_JUMP, ClockSkew.MAX_JUMP);
              assertThat(skew.jump().toMillis() % 1000).isZero();
              assertThat(skew.rate()).isBetween(0.5, 2.0);
            });
    assertThat(skews).anyMatch(skew -> skew.jump().isNegative());
    assertThat(skews).anyMatch(skew -> skew.jump().toSeconds() > 150);
    assertThat(skews).anyMatch(skew -> skew.jump().toSeconds() < -150);
    assertThat(skews.stream().filter(skew -> skew.rate() < 1).count()).isBetween(400L, 600L);
  }

  @Test
  void theSameSeedDrawsTheSameSkews() {
    Random one = new Random(42);
    Random other = new Random(42);
    for (int i = 0; i < 10; i++) {
      assertThat(ClockSkew.draw(one)).isEqualTo(ClockSkew.draw(other));
    }
  }

  @Test
  void theOffsetGrowsWithAFastClockAndShrinksWithASlowOne() {
    assertThat(new ClockSkew(Duration.ofSeconds(97), 1.5).offsetAfter(Duration.ofSeconds(4)))
        .isEqualTo(Duration.ofSeconds(99));
    assertThat(new ClockSkew(Duration.ofSeconds(-30), 0.75).offsetAfter(Duration.ofSeconds(8)))
        .isEqualTo(Duration.ofSeconds(-32));
    assertThat(new ClockSkew(Duration.ofSeconds(5), 1).offsetAfter(Duration.ofMinutes(5)))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void describesTheJumpAndTheRateForTheReport() {
    assertThat(new ClockSkew(Duration.ofSeconds(97), 1.5).describe())
        .isEqualTo("clock +97 s, running x1.5");
    assertThat(new ClockSkew(Duration.ofSeconds(-180), 0.73).describe())
        .isEqualTo("clock -180 s, running x0.73");
    assertThat(new ClockSkew(Duration.ofSeconds(5), 2).describe())
        .isEqualTo("clock +5 s, running x2");
  }
}
