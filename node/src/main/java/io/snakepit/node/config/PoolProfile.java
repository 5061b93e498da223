package io.snakepit.node.config;

/** How a pool's workers take calls. */
public enum PoolProfile {
  /** One call at a time per worker: any adapter, and a tool may use the whole process. */
  PROCESS,
  /**
   * Up to {@code pool.threads} calls at once per worker, each on its own thread: for tools that
   * wait (on I/O, on native code that releases the GIL) in adapters that declare themselves
   * thread-safe.
   */
  THREAD
}
