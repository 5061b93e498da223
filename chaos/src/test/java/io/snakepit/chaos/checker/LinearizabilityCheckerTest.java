package io.snakepit.chaos.checker;

import static io.snakepit.chaos.model.RegisterOps.READ;
import static io.snakepit.chaos.model.RegisterOps.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.HistoryBuilder;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.MultiRegister;
import io.snakepit.chaos.model.Semantics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private static final CasRegister REGISTER = new CasRegister(0L, Semantics.STRICT);
  private static final LinearizabilityChecker CHECKER =
      new LinearizabilityChecker(Duration.ofSeconds(10));

  @Test
  void checksEachKeyAsItsOwnRegister() {
    List<Op> events = new ArrayList<>();
    addOnKey(events, "a", 1, WRITE, 1L, 1L);
    addOnKey(events, "b", 2, WRITE, 2L, 2L);
    addOnKey(events, "a", 3, READ, null, 1L);
    addOnKey(events, "b", 4, READ, null, 2L);

    assertThat(CHECKER.check(REGISTER, Pairing.pair(events)).verdict())
        .isEqualTo(Verdict.LINEARIZABLE);

    addOnKey(events, "b", 4, READ, null, 1L);
    CheckResult result = CHECKER.check(REGISTER, Pairing.pair(events));
    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.failure().orElseThrow().key()).isEqualTo("b");
  }

  @Test
  void answersUnknownWhenTheBudgetRunsOut() {
    AtomicLong clock = new AtomicLong();
    LinearizabilityChecker impatient =
        new LinearizabilityChecker(Duration.ofSeconds(1), () -> clock.addAndGet(1_000_000_000L));

    CheckResult result = impatient.check(REGISTER, manyConcurrentWritesThenAnImpossibleRead());

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.failure()).isEmpty();
    assertThat(CHECKER.check(REGISTER, manyConcurrentWritesThenAnImpossibleRead()).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  @Test
  void identicalUnknownWritesAreTriedInCallOrderOnly() {
    HistoryBuilder history = new HistoryBuilder();
    for (long p = 0; p < 40; p++) {
      history.invoke(p, WRITE, p % 2).info(p);
    }
    history.done(99, READ, null, 7L);

    CheckResult result = CHECKER.check(REGISTER, history.operations());

    assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    assertThat(result.configurations()).isLessThan(1000);
  }

  @Test
  void multiRegisterTransactionsAreAtomic() {
    Keyword txn = MultiRegister.TXN;
    Keyword x = Keyword.of("x");
    Keyword y = Keyword.of("y");
    HistoryBuilder history =
        new HistoryBuilder()
            .invoke(1, txn, List.of(List.of(WRITE, x, 1L), List.of(WRITE, y, 1L)))
            .invoke(2, txn, List.of(step(READ, x), step(READ, y)));

    assertThat(check(history.ok(1).ok(2, List.of(List.of(READ, x, 1L), List.of(READ, y, 1L)))))
        .isEqualTo(Verdict.LINEARIZABLE);
    HistoryBuilder torn =
        new HistoryBuilder()
            .invoke(1, txn, List.of(List.of(WRITE, x, 1L), List.of(WRITE, y, 1L)))
            .invoke(2, txn, List.of(step(READ, x), step(READ, y)))
            .ok(1)
            .ok(2, List.of(List.of(READ, x, 1L), List.of(READ, y, 0L)));
    assertThat(check(torn)).isEqualTo(Verdict.NOT_LINEARIZABLE);
  }

  private static Verdict check(HistoryBuilder history) {
    return CHECKER.check(new MultiRegister(0L), history.operations()).verdict();
  }

  /** A read step before it completes: its value is not known yet. */
  private static List<Object> step(Keyword f, Keyword key) {
    List<Object> step = new ArrayList<>(List.of(f, key));
    step.add(null);
    return step;
  }

  /** Twelve overlapping writes: every order of them is a different configuration to rule out. */
  private static List<Operation> manyConcurrentWritesThenAnImpossibleRead() {
    HistoryBuilder history = new HistoryBuilder();
    for (long p = 0; p < 12; p++) {
      history.invoke(p, WRITE, p + 1);
    }
    for (long p = 0; p < 12; p++) {
      history.ok(p);
    }
    return history.done(99, READ, null, 99L).operations();
  }

  private static void addOnKey(
      List<Op> events, String key, long process, Keyword f, Object value, Object observed) {
    Op call = Op.invoke(process, f, value).onKey(key);
    events.add(call);
    events.add(call.completed(OpType.OK, observed));
  }
}
