package io.snakepit.chaos.workload;

import io.snakepit.chaos.checker.CheckResult;
import io.snakepit.chaos.checker.Failure;
import io.snakepit.chaos.checker.Verdict;

/** A linearizability verdict as a workload reports it. */
final class Linearizability {

  private Linearizability() {}

  static CheckReport report(CheckResult result, String what) {
    String summary =
        result.verdict().label()
            + " ("
            + what
            + "; "
            + result.configurations()
            + " configurations searched in "
            + result.elapsed().toMillis()
            + " ms)";
    if (result.verdict() == Verdict.LINEARIZABLE) {
      return new CheckReport(CheckReport.Validity.VALID, summary, "");
    }
    if (result.verdict() == Verdict.UNKNOWN) {
      return new CheckReport(CheckReport.Validity.UNKNOWN, summary, "the search ran out of time");
    }
    return new CheckReport(
        CheckReport.Validity.INVALID, summary, result.failure().map(Failure::describe).orElse(""));
  }
}
