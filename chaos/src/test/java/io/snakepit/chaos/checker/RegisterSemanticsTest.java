package io.snakepit.chaos.checker;

import static io.snakepit.chaos.model.RegisterOps.CAS;
import static io.snakepit.chaos.model.RegisterOps.DELETE;
import static io.snakepit.chaos.model.RegisterOps.READ;
import static io.snakepit.chaos.model.RegisterOps.WRITE;
import static io.snakepit.chaos.model.RegisterOps.casValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.history.HistoryBuilder;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.Semantics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Histories whose verdict depends on how much failures and absent reads tell the checker. */
class RegisterSemanticsTest {
  private static final LinearizabilityChecker CHECKER =
      new LinearizabilityChecker(Duration.ofSeconds(10));

  @Test
  void aCasCannotFailWhileTheRegisterSurelyHoldsItsExpectedValue() {
    HistoryBuilder history =
        new HistoryBuilder()
            .done(1, WRITE, 1L, 1L)
            .invoke(2, CAS, casValue(1L, 2L))
            .fail(2)
            .done(3, READ, null, 1L);

    assertThat(verdict(history, Semantics.LENIENT, 0L)).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(history, Semantics.STRICT, 0L)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aCasMayFailWhenAConcurrentWriteChangedTheRegister() {
    HistoryBuilder history =
        new HistoryBuilder()
            .done(1, WRITE, 1L, 1L)
            .invoke(2, CAS, casValue(1L, 2L))
            .invoke(3, WRITE, 3L)
            .ok(3)
            .fail(2);

    assertThat(verdict(history, Semantics.STRICT, 0L)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void anAbsentReadAfterACompletedWriteIsAViolation() {
    HistoryBuilder history = new HistoryBuilder().done(1, WRITE, 1L, 1L).done(2, READ, null, null);

    assertThat(verdict(history, Semantics.LENIENT, null)).isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(history, Semantics.STRICT, null)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void anAbsentReadAfterADeleteIsFine() {
    HistoryBuilder history =
        new HistoryBuilder()
            .done(1, WRITE, 1L, 1L)
            .done(1, DELETE, null, null)
            .done(2, READ, null, null);

    assertThat(verdict(history, Semantics.STRICT, null)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void anAbsentReadBeforeOrDuringTheFirstWriteIsFine() {
    HistoryBuilder history =
        new HistoryBuilder()
            .done(1, READ, null, null)
            .invoke(2, WRITE, 1L)
            .invoke(3, READ, null)
            .ok(3, null)
            .ok(2)
            .done(3, CAS, casValue(1L, 2L), casValue(1L, 2L))
            .invoke(4, CAS, casValue(null, 5L))
            .fail(4);

    assertThat(verdict(history, Semantics.STRICT, null)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void anUnknownCasMayOrMayNotHaveTakenEffectButNotBoth() {
    assertThat(verdict(unknownCas().done(3, READ, null, 2L), Semantics.STRICT, 0L))
        .isEqualTo(Verdict.LINEARIZABLE);
    assertThat(verdict(unknownCas().done(3, READ, null, 1L), Semantics.STRICT, 0L))
        .isEqualTo(Verdict.LINEARIZABLE);
    assertThat(
            verdict(
                unknownCas().done(3, READ, null, 2L).done(3, READ, null, 1L), Semantics.STRICT, 0L))
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void aTimedOutReadConstrainsNothing() {
    HistoryBuilder history =
        new HistoryBuilder().done(1, WRITE, 1L, 1L).invoke(2, READ, null).info(2);

    assertThat(verdict(history, Semantics.STRICT, null)).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Test
  void theFailureShowsTheReadThatCannotBeExplainedAndWhatRanBesideIt() {
    HistoryBuilder history =
        new HistoryBuilder()
            .done(0, WRITE, 0L, 0L)
            .invoke(1, READ, null)
            .invoke(2, WRITE, 4L)
            .ok(1, 3L)
            .ok(2)
            .done(3, READ, null, 4L);

    CheckResult result =
        CHECKER.check(new CasRegister(0L, Semantics.LENIENT), history.operations());

    Failure failure = result.failure().orElseThrow();
    assertThat(failure.culprit().value()).isEqualTo(3L);
    assertThat(failure.window()).extracting(op -> op.value()).containsExactly(3L, 4L);
    assertThat(failure.possibleStates()).extracting(Object::toString).contains("0", "4");
  }

  private static Verdict verdict(HistoryBuilder history, Semantics semantics, Object initial) {
    return CHECKER.check(new CasRegister(initial, semantics), history.operations()).verdict();
  }

  private static HistoryBuilder unknownCas() {
    return new HistoryBuilder().done(1, WRITE, 1L, 1L).invoke(2, CAS, casValue(1L, 2L)).info(2);
  }
}
