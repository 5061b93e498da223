package io.snakepit.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExitReportTest {

  @Test
  void exitCodesAndSignalsAreToldApart() {
    assertThat(new ExitReport(0, List.of()).cause()).isEqualTo(ExitReport.Cause.EXITED);
    assertThat(new ExitReport(3, List.of()).cause()).isEqualTo(ExitReport.Cause.EXITED);
    assertThat(new ExitReport(128 + 11, List.of()).cause()).isEqualTo(ExitReport.Cause.SEGFAULT);
    assertThat(new ExitReport(128 + 7, List.of()).cause()).isEqualTo(ExitReport.Cause.SEGFAULT);
    assertThat(new ExitReport(128 + 6, List.of()).cause()).isEqualTo(ExitReport.Cause.ABORTED);
    assertThat(new ExitReport(128 + 9, List.of()).cause()).isEqualTo(ExitReport.Cause.KILLED);
    assertThat(new ExitReport(128 + 15, List.of()).cause()).isEqualTo(ExitReport.Cause.SIGNALLED);
  }

  @Test
  void theDescriptionSaysHowTheWorkerEndedThenItsLastStderrLines() {
    assertThat(new ExitReport(128 + 11, List.of("Fatal Python error", "  File x.py")).describe())
        .isEqualTo(
            "crashed with a segmentation fault (SIGSEGV); last stderr:\n"
                + "  Fatal Python error\n    File x.py");
    assertThat(new ExitReport(1, List.of()).describe()).isEqualTo("exited with code 1");
    assertThat(new ExitReport(128 + 9, List.of()).describe()).contains("out-of-memory killer");
    assertThat(new ExitReport(128 + 15, List.of()).describe()).isEqualTo("was killed by SIGTERM");
  }

  @Test
  void aWorkerThatWentDownWithItsForkServerSaysHowTheForkServerEnded() {
    ExitReport forkServer = new ExitReport(1, List.of("MemoryError"));

    ExitReport worker = ExitReport.withForkServer(forkServer);

    assertThat(worker.cause()).isEqualTo(ExitReport.Cause.FORK_SERVER);
    assertThat(worker.forkServer()).isEqualTo(Optional.of(forkServer));
    assertThat(worker.describe())
        .isEqualTo(
            "went down with its fork server, which exited with code 1; last stderr:\n"
                + "  MemoryError");
  }
}
