package io.snakepit.node.worker;

import java.util.concurrent.CompletableFuture;

/**
 * A worker's process, however it started: spawned by the node as a fresh interpreter, or forked by
 * its pool's fork server. Either way its output is in the node's log under its id, and its end is
 * reported with how it ended and its last lines.
 */
interface WorkerProcess {

  String id();

  /** Its process id, once known (a forked worker's comes from its fork server). */
  long pid();

  /** Completes when the worker serves; fails with a {@link WorkerStartException} if it dies. */
  CompletableFuture<Void> ready();

  CompletableFuture<ExitReport> exited();

  boolean isAlive();

  /** Asks the worker to drain and exit, and kills it if it lingers past the grace. */
  void stop(long graceMillis);

  /** SIGKILL, for a worker that is stuck, with every process its tools started. */
  void kill();

  static void killWithDescendants(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
