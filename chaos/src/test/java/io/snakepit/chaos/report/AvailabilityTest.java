package io.snakepit.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.fault.FaultWindow;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.model.RegisterOps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

  private static final long MS = 1_000_000L;

  /** When the clients stopped, in nanoseconds: after every fault of these histories. */
  private static final long END = 60_000 * MS;

  private final List<Op> history = new ArrayList<>();
  private long nextProcess;

  /** One client operation, invoked and acknowledged at the given milliseconds. */
  private void op(Keyword f, OpType outcome, long invokedMs, long completedMs) {
    Op invocation = Op.invoke(nextProcess++, f, 1L).at(invokedMs * MS);
    history.add(invocation);
    history.add(invocation.completed(outcome, 1L).at(completedMs * MS));
  }

  /** {@code count} acknowledged reads spread evenly over [fromMs, toMs). */
  private void steadyReads(long fromMs, long toMs, int count) {
    for (int i = 0; i < count; i++) {
      long at = fromMs + (toMs - fromMs) * i / count;
      op(RegisterOps.READ, OpType.OK, at, at + 1);
    }
  }

  private static FaultWindow fault(String description, long fromMs, long toMs) {
    return new FaultWindow("kill", description, fromMs * MS, toMs * MS);
  }

  @Test
  void theFirstWriteCountsFromTheFaultsStartAndOnlyIfInvokedAfterIt() {
    op(RegisterOps.WRITE, OpType.OK, 990, 1_010); // committed before the fault, acknowledged after
    op(RegisterOps.READ, OpType.OK, 1_100, 1_200); // a read is no write
    op(RegisterOps.CAS, OpType.FAIL, 1_300, 1_400); // nor is a refused compare-and-set
    op(RegisterOps.WRITE, OpType.INFO, 1_500, 1_600); // nor an unknown one
    op(RegisterOps.CAS, OpType.OK, 3_000, 3_250);

    Availability availability =
        Availability.of(history, List.of(fault("killed n1 (the leader)", 1_000, 5_000)), 0, END);

    assertThat(availability.faults().get(0).toFirstWrite()).contains(Duration.ofMillis(2_250));
  }

  @Test
  void recoveryIsTheFirstSecondAfterTheHealWithHalfTheQuietRate() {
    steadyReads(0, 2_000, 40); // 20 a second before the fault
    steadyReads(6_000, 7_000, 3); // a trickle just after the heal at 6 s
    steadyReads(7_500, 8_500, 12); // 12 in a second: more than half of 20

    Availability availability =
        Availability.of(history, List.of(fault("paused n2", 2_000, 6_000)), 0, END);

    Availability.Fault only = availability.faults().get(0);
    assertThat(only.ratePerSecond()).isEqualTo(20.0);
    assertThat(only.toRecovery()).contains(Duration.ofMillis(1_501));
    assertThat(only.toFirstWrite()).isEmpty();
  }

  @Test
  void aRateNeverRegainedAndAWriteNeverMadeAreAbsent() {
    steadyReads(0, 1_000, 10);
    steadyReads(3_000, 4_000, 2);

    Availability availability =
        Availability.of(history, List.of(fault("paused n2", 1_000, 3_000)), 0, END);

    assertThat(availability.faults().get(0).toRecovery()).isEmpty();
    assertThat(availability.medianToRecovery()).isEmpty();
    assertThat(availability.neverRecovered()).isEqualTo(1);
  }

  @Test
  void aFaultHealedJustBeforeTheClientsStoppedHasNoRecoveryAndTheFinalReadsGiveItNone() {
    steadyReads(0, 1_000, 10);
    steadyReads(5_600, 6_000, 10); // the final reads, after the clients stopped at 5.5 s

    Availability availability =
        Availability.of(history, List.of(fault("paused n2", 1_000, 3_000)), 0, 5_500 * MS);

    assertThat(availability.faults().get(0).healedInTime()).isFalse();
    assertThat(availability.faults().get(0).toRecovery()).isEmpty();
    assertThat(availability.neverRecovered()).isZero();
  }

  @Test
  void mediansCountTheFaultsThatHaveTheFigureAndTheLeaderFaultsApart() {
    op(RegisterOps.WRITE, OpType.OK, 1_000, 1_500);
    op(RegisterOps.WRITE, OpType.OK, 11_000, 14_000);
    op(RegisterOps.WRITE, OpType.OK, 21_000, 21_100);

    Availability availability =
        Availability.of(
            history,
            List.of(
                fault("killed n1 (the leader)", 1_000, 5_000),
                fault("killed n3 (the leader)", 11_000, 15_000),
                fault("killed n2", 21_000, 25_000),
                fault("killed n4", 31_000, 35_000)),
            0,
            END);

    assertThat(availability.medianToFirstWrite()).contains(Duration.ofMillis(500));
    assertThat(availability.onTheLeader().faults()).hasSize(2);
    assertThat(availability.onTheLeader().medianToFirstWrite())
        .isEqualTo(Optional.of(Duration.ofMillis(1_750)));
  }
}
