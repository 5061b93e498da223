package io.snakepit.store.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TouchBufferTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private final TouchBuffer touches = new TouchBuffer();

  @Test
  void keepsTheLatestTouchOfEachSession() {
    touches.touch("s1", T0.plusSeconds(2));
    touches.touch("s1", T0.plusSeconds(1));

    assertThat(touches.pendingFor("s1")).contains(T0.plusSeconds(2));
    assertThat(touches.pendingFor("s2")).isEmpty();
  }

  @Test
  void aTouchStaysPendingUntilWritten() {
    touches.touch("s1", T0);
    Map<String, Instant> toWrite = touches.toWrite();

    assertThat(touches.pendingFor("s1")).contains(T0);
    touches.written(toWrite);
    assertThat(touches.pendingFor("s1")).isEmpty();
  }

  @Test
  void aTouchDuringAWriteStaysForTheNextOne() {
    touches.touch("s1", T0);
    Map<String, Instant> toWrite = touches.toWrite();
    touches.touch("s1", T0.plusSeconds(1));

    touches.written(toWrite);

    assertThat(touches.pendingFor("s1")).contains(T0.plusSeconds(1));
    assertThat(touches.size()).isEqualTo(1);
  }
}
