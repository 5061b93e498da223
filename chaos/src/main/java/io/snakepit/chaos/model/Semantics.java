package io.snakepit.chaos.model;

/** How much a register history's failures and empty reads tell the checker. */
public enum Semantics {
  /**
   * Knossos's reading, for the published corpus: a failed operation is dropped as if it never
   * happened, and a read that returned nil constrains nothing.
   */
  LENIENT,
  /**
   * Snakepit's API: a failed compare-and-set ({@code ABORTED}) observed that the register did not
   * hold the expected value at some point during the call, and a read of nil ({@code NOT_FOUND})
   * observed that the register was absent. Failed reads and writes still say nothing.
   */
  STRICT
}
