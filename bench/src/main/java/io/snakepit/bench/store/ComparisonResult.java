package io.snakepit.bench.store;

import java.util.List;

/**
 * A run of the store benchmark.
 *
 * @param systems the compared systems' names, the subject first and its anchor second
 */
record ComparisonResult(List<String> systems, List<StepResult> steps, List<LedgerCheck> checks) {

  StepResult step(String system, Operation operation, int clients) {
    return steps.stream()
        .filter(step -> step.system().equals(system))
        .filter(step -> step.operation() == operation && step.clients() == clients)
        .findFirst()
        .orElseThrow();
  }

  /** No lost update, no invented version and no stale read on any system. */
  boolean clean() {
    return checks.stream().allMatch(LedgerCheck::clean);
  }
}
