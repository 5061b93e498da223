package io.snakepit.chaos.runtime;

/**
 * A library the harness preloads into every node process, and so into its Python workers, for
 * faults that act inside the process. A run preloads only what its fault needs: each library
 * changes the process it enters (libfaketime wraps every clock read and timed wait), and the runs
 * of other faults should test the node as it ships.
 */
public enum Preload {
  /** Debian's libfaketime: the node's wall clock follows the offset the harness writes. */
  FAKETIME,
  /** The module's slow-sync library: the node's syncs wait the delay the harness writes. */
  SLOW_SYNC
}
