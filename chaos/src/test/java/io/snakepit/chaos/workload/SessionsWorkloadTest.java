package io.snakepit.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.model.RegisterOps;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A session created and then read: its TTL decides what the read may see. */
class SessionsWorkloadTest {

  /** Runs of 20 s give the sessions a TTL of 50 s. */
  private final SessionsWorkload workload = new SessionsWorkload(Duration.ofSeconds(20));

  @Test
  void aSessionThatVanishesWithinItsTtlIsALostSession() {
    CheckReport report = workload.check(createdThenRead(Duration.ofSeconds(40), null));

    assertThat(report.validity()).isEqualTo(CheckReport.Validity.INVALID);
    assertThat(report.summary()).contains("TTL 50 s");
  }

  @Test
  void aSessionAbsentOnceItsTtlCouldHavePassedProvesNothing() {
    CheckReport report = workload.check(createdThenRead(Duration.ofSeconds(49), null));

    assertThat(report.validity()).isEqualTo(CheckReport.Validity.UNKNOWN);
    assertThat(report.details()).contains("may have expired as it should");
  }

  @Test
  void aSessionStillThereAfterItsTtlChecksOut() {
    CheckReport report = workload.check(createdThenRead(Duration.ofMinutes(5), 1L));

    assertThat(report.validity()).isEqualTo(CheckReport.Validity.VALID);
  }

  private static List<Op> createdThenRead(Duration later, Object seen) {
    Op create = Op.invoke(0L, RegisterOps.WRITE, 1L).onKey("s0").at(0);
    Op read = Op.invoke(1L, RegisterOps.READ, null).onKey("s0").at(later.toNanos());
    return List.of(
        create,
        create.completed(OpType.OK, 1L).at(1_000_000),
        read,
        read.completed(OpType.OK, seen).at(later.toNanos() + 1_000_000));
  }
}
