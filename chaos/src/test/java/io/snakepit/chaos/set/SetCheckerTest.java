package io.snakepit.chaos.set;

import static io.snakepit.chaos.set.SetChecker.ADD;
import static io.snakepit.chaos.set.SetChecker.READ;
import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.history.HistoryBuilder;
import io.snakepit.chaos.history.Operation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTest {

  @Test
  void everyAcknowledgedAddIsInTheFinalRead() {
    SetResult result =
        SetChecker.check(
            new HistoryBuilder()
                .done(1, ADD, 1L, 1L)
                .done(2, ADD, 2L, 2L)
                .done(1, READ, null, List.of(1L, 2L))
                .operations());

    assertThat(result.valid()).isTrue();
    assertThat(result.acknowledged()).isEqualTo(2);
  }

  @Test
  void anAcknowledgedAddMissingFromTheFinalReadIsLost() {
    SetResult result =
        SetChecker.check(
            new HistoryBuilder()
                .done(1, ADD, 1L, 1L)
                .done(2, ADD, 2L, 2L)
                .done(1, READ, null, List.of(2L))
                .operations());

    assertThat(result.valid()).isFalse();
    assertThat(result.lost()).containsExactly(1L);
  }

  @Test
  void unknownAddsAndAddsOverlappingTheReadMayBeThereOrNot() {
    assertThat(SetChecker.check(addsThenRead(List.of(1L, 2L))).valid()).isTrue();
    assertThat(SetChecker.check(addsThenRead(List.of())).valid()).isTrue();
  }

  @Test
  void anElementNeverAddedOrWhoseAddFailedIsUnexpected() {
    SetResult result =
        SetChecker.check(
            new HistoryBuilder()
                .invoke(1, ADD, 1L)
                .fail(1)
                .done(1, READ, null, List.of(1L, 9L))
                .operations());

    assertThat(result.valid()).isFalse();
    assertThat(result.unexpected()).containsExactly(1L, 9L);
  }

  @Test
  void theLastCompletedReadIsTheFinalOne() {
    SetResult result =
        SetChecker.check(
            new HistoryBuilder()
                .done(1, READ, null, List.of())
                .done(1, ADD, 1L, 1L)
                .done(2, READ, null, List.of(1L))
                .operations());

    assertThat(result.valid()).isTrue();
  }

  @Test
  void withoutAnyReadNothingIsProven() {
    SetResult result = SetChecker.check(new HistoryBuilder().done(1, ADD, 1L, 1L).operations());

    assertThat(result.finalReadSeen()).isFalse();
    assertThat(result.valid()).isFalse();
  }

  /** An unknown add, then an add acknowledged while the final read runs. */
  private static List<Operation> addsThenRead(List<Long> read) {
    return new HistoryBuilder()
        .invoke(1, ADD, 1L)
        .info(1)
        .invoke(2, ADD, 2L)
        .invoke(3, READ, null)
        .ok(2)
        .ok(3, read)
        .operations();
  }
}
