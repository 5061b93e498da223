package io.snakepit.chaos.run;

import io.snakepit.chaos.fault.FaultLog;
import io.snakepit.chaos.report.Availability;
import io.snakepit.chaos.runtime.RuntimeKind;
import io.snakepit.chaos.workload.CheckReport;
import java.nio.file.Path;

/**
 * What a run did and found.
 *
 * @param runtime the runtime the cluster ran on (never AUTO)
 * @param startNanos the history clock's reading when the clients started
 */
public record RunResult(
    RunSettings settings,
    RuntimeKind runtime,
    Counts counts,
    FaultLog faults,
    Availability availability,
    CheckReport check,
    long startNanos,
    Path history,
    Path plot) {

  public boolean valid() {
    return check.validity() == CheckReport.Validity.VALID;
  }
}
