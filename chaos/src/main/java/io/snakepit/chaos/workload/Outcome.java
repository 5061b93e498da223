package io.snakepit.chaos.workload;

import io.snakepit.chaos.history.OpType;

/**
 * How one operation ended, as a history records it: {@code ok} with what was observed, {@code fail}
 * when it certainly did not take effect, {@code info} when nobody knows.
 */
record Outcome(OpType type, Object observed) {

  static Outcome ok(Object observed) {
    return new Outcome(OpType.OK, observed);
  }

  static Outcome fail() {
    return new Outcome(OpType.FAIL, null);
  }

  static Outcome unknown() {
    return new Outcome(OpType.INFO, null);
  }
}
