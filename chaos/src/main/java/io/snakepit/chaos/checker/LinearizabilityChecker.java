package io.snakepit.chaos.checker;

import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Checks a history against a model within a time budget. Operations on different keys ({@code
 * :key}) are independent registers: a history is linearizable exactly when each key's sub-history
 * is (linearizability is compositional), and checking them apart turns one search exponential in
 * the whole history into many small ones.
 */
public final class LinearizabilityChecker {
  private final Duration budget;
  private final LongSupplier nanoClock;

  public LinearizabilityChecker(Duration budget) {
    this(budget, System::nanoTime);
  }

  public LinearizabilityChecker(Duration budget, LongSupplier nanoClock) {
    this.budget = budget;
    this.nanoClock = nanoClock;
  }

  public <S> CheckResult check(Model<S> model, List<Operation> operations) {
    Deadline deadline = new Deadline(budget, nanoClock);
    long configurations = 0;
    Verdict verdict = Verdict.LINEARIZABLE;
    for (List<Operation> register : byKey(operations).values()) {
      LinearizationSearch.SearchResult result =
          LinearizationSearch.search(model, register, deadline);
      configurations += result.configurations();
      if (result.verdict() == Verdict.NOT_LINEARIZABLE) {
        return new CheckResult(
            result.verdict(), result.failure(), configurations, deadline.elapsed());
      }
      if (result.verdict() == Verdict.UNKNOWN) {
        verdict = Verdict.UNKNOWN;
      }
    }
    return new CheckResult(verdict, Optional.empty(), configurations, deadline.elapsed());
  }

  private static Map<Object, List<Operation>> byKey(List<Operation> operations) {
    Map<Object, List<Operation>> registers = new LinkedHashMap<>();
    for (Operation op : operations) {
      registers.computeIfAbsent(op.key(), key -> new ArrayList<>()).add(op);
    }
    return registers;
  }
}
