package io.snakepit.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SkewTest {

  @Test
  void isTheSpreadOverTheMean() {
    assertThat(Skew.of(List.of(10, 10, 10))).isZero();
    assertThat(Skew.of(List.of(8, 10, 12))).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void isZeroWithNothingToSpread() {
    assertThat(Skew.of(List.of())).isZero();
    assertThat(Skew.of(List.of(0, 0))).isZero();
  }
}
