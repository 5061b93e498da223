package io.snakepit.chaos.workload;

import io.snakepit.chaos.history.OpType;

/**
 * How one operation ended, as a history records it: {@code ok} with what was observed, {@code fail}
 * when it certainly did not take effect, {@code info} when nobody knows.
 */
public record Outcome(OpType type, Object observed) {

  public static Outcome ok(Object observed) {
    return new Outcome(OpType.OK, observed);
  }

  public static Outcome fail() {
    return new Outcome(OpType.FAIL, null);
  }

  public static Outcome unknown() {
    return new Outcome(OpType.INFO, null);
  }
}
