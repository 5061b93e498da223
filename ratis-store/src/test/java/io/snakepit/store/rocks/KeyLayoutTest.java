package io.snakepit.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {

  /** Ids that share a prefix with {@code a} or sort right next to it. */
  private static final List<String> NEIGHBOURS = List.of("a0", "a.b", "a-", "a:b", "ab", "A", "_");

  @Test
  void aSessionsVariablesAndProgramsAreInItsRangesAndNoOtherSessions() {
    assertThat(contains(KeyLayout.variablesOf("a"), KeyLayout.variable("a", "x"))).isTrue();
    assertThat(contains(KeyLayout.programsOf("a"), KeyLayout.program("a", "x"))).isTrue();
    for (String other : NEIGHBOURS) {
      assertThat(contains(KeyLayout.variablesOf("a"), KeyLayout.variable(other, "x"))).isFalse();
      assertThat(contains(KeyLayout.programsOf("a"), KeyLayout.program(other, "x"))).isFalse();
    }
  }

  @Test
  void requestsAppliedBeforeATimeAreThoseWithAnEarlierTimeWhateverTheirIds() {
    KeyRange beforeSixteen = KeyLayout.requestsAppliedBefore(16);

    assertThat(contains(beforeSixteen, KeyLayout.requestByTime(15, "zzz"))).isTrue();
    assertThat(contains(beforeSixteen, KeyLayout.requestByTime(0, "a"))).isTrue();
    assertThat(contains(beforeSixteen, KeyLayout.requestByTime(16, "a"))).isFalse();
    assertThat(contains(beforeSixteen, KeyLayout.requestByTime(256, "a"))).isFalse();
    assertThat(contains(beforeSixteen, KeyLayout.request("a"))).isFalse();
    assertThat(KeyLayout.requestIdOfTimeKey(KeyLayout.requestByTime(15, "r-1.x")))
        .isEqualTo("r-1.x");
  }

  @Test
  void recordsOfDifferentKindsNeverShareARange() {
    KeyRange sessions = KeyLayout.allSessions();
    assertThat(contains(sessions, KeyLayout.session("a"))).isTrue();
    assertThat(contains(sessions, KeyLayout.variable("a", "x"))).isFalse();
    assertThat(contains(sessions, KeyLayout.program("a", "x"))).isFalse();
    assertThat(contains(sessions, KeyLayout.FORMAT_VERSION)).isFalse();
  }

  @Test
  void sessionsAfterACursorExcludeTheCursorAndIncludeEverythingAbove() {
    KeyRange afterA = KeyLayout.sessionsAfter("a");

    assertThat(contains(afterA, KeyLayout.session("a"))).isFalse();
    assertThat(contains(afterA, KeyLayout.session("-"))).isFalse();
    for (String later : List.of("a-", "a.b", "a0", "ab", "b", "z")) {
      assertThat(contains(afterA, KeyLayout.session(later))).as(later).isTrue();
    }
    assertThat(KeyLayout.sessionsAfter(""))
        .usingRecursiveComparison()
        .isEqualTo(KeyLayout.allSessions());
  }

  private static boolean contains(KeyRange range, byte[] key) {
    return Arrays.compareUnsigned(key, range.start()) >= 0
        && Arrays.compareUnsigned(key, range.end()) < 0;
  }
}
