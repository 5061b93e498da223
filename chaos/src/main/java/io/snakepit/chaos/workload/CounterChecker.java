package io.snakepit.chaos.workload;

import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.history.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a counter that only goes up by one: each acknowledged increment returned a value no other
 * returned (a repeated value is a lost update), and the final read {@code F} counts at least every
 * acknowledged increment and at most those plus the unknown ones, and is at least every value
 * returned.
 */
final class CounterChecker {

  private CounterChecker() {}

  static CheckReport check(List<Operation> operations) {
    Long finalValue = null;
    long acknowledged = 0;
    long unknown = 0;
    long highest = 0;
    Set<Long> seen = new HashSet<>();
    List<Long> repeated = new ArrayList<>();
    for (Operation op : operations) {
      if (CounterWorkload.READ.equals(op.f())) {
        if (op.outcome() == OpType.OK) {
          finalValue = (Long) op.value();
        }
      } else if (op.outcome() == OpType.OK) {
        long value = (Long) op.value();
        acknowledged++;
        highest = Math.max(highest, value);
        if (!seen.add(value)) {
          repeated.add(value);
        }
      } else if (op.outcome() == OpType.INFO) {
        unknown++;
      }
    }
    if (finalValue == null) {
      return new CheckReport(CheckReport.Validity.UNKNOWN, "no final read completed", "");
    }
    List<String> problems = new ArrayList<>();
    if (!repeated.isEmpty()) {
      problems.add("values returned twice (lost updates): " + repeated);
    }
    if (finalValue < Math.max(acknowledged, highest)) {
      problems.add("final value " + finalValue + " below what was acknowledged");
    }
    if (finalValue > acknowledged + unknown) {
      problems.add("final value " + finalValue + " above every increment that may have happened");
    }
    String summary =
        (problems.isEmpty() ? "valid" : "INVALID")
            + " counter: final "
            + finalValue
            + ", "
            + acknowledged
            + " acknowledged and "
            + unknown
            + " unknown increments";
    return new CheckReport(
        problems.isEmpty() ? CheckReport.Validity.VALID : CheckReport.Validity.INVALID,
        summary,
        String.join("\n", problems));
  }
}
