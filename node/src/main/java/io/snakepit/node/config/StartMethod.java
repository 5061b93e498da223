package io.snakepit.node.config;

/** How a pool's worker processes come to be ({@code pool.start-method}). */
public enum StartMethod {
  /**
   * Forked from one Python process per pool that imported the adapter's module once: workers start
   * in tens of milliseconds and share that process's memory until they write to it.
   */
  FORK,
  /** Each worker a fresh interpreter that imports everything itself. */
  SPAWN
}
