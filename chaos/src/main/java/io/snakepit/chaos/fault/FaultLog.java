package io.snakepit.chaos.fault;

import java.util.List;

/**
 * The faults of a run: each one applied with its window, and why each one the runtime could not
 * apply was left out.
 */
public record FaultLog(List<FaultWindow> applied, List<String> notApplied) {

  public FaultLog {
    applied = List.copyOf(applied);
    notApplied = List.copyOf(notApplied);
  }

  /** A run without a nemesis. */
  public static FaultLog none() {
    return new FaultLog(List.of(), List.of());
  }
}
