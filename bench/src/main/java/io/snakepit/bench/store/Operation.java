package io.snakepit.bench.store;

/** What the clients of a step do, each to its own record. */
enum Operation {
  COMPARE_AND_SET("compare-and-set"),
  LINEARIZABLE_READ("linearizable read");

  private final String label;

  Operation(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }
}
