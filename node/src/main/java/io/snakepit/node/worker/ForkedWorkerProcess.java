package io.snakepit.node.worker;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A worker forked by its pool's fork server. It is not the node's child, so the node learns what
 * becomes of it from the fork server's lines: its pid, its readiness, its output and its end. It is
 * signalled through a {@link ProcessHandle}, which checks the process's start time first: a pid
 * passed on to another process after the worker ended is never signalled.
 */
final class ForkedWorkerProcess implements WorkerProcess {

  private final String id;
  private final WorkerRegistry registry;
  private final OutputLines output;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<ExitReport> exited = new CompletableFuture<>();
  private ProcessHandle process; // guarded by this; null until forked
  private boolean killWhenForked; // guarded by this

  ForkedWorkerProcess(String id, WorkerRegistry registry) {
    this.id = id;
    this.registry = registry;
    this.output = new OutputLines(id);
    exited.thenAccept(
        report ->
            ready.completeExceptionally(
                new WorkerStartException("worker " + id + " " + report.describe())));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready;
  }

  @Override
  public CompletableFuture<ExitReport> exited() {
    return exited;
  }

  @Override
  public boolean isAlive() {
    return !exited.isDone();
  }

  @Override
  public void stop(long graceMillis) {
    process().ifPresent(ProcessHandle::destroy); // SIGTERM: it drains, then exits
    try {
      exited.get(graceMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      kill();
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void kill() {
    Optional<ProcessHandle> forked;
    synchronized (this) {
      killWhenForked = process == null;
      forked = Optional.ofNullable(process);
    }
    // Its fork server then kills the rest of its group, what its tools started.
    forked.ifPresent(WorkerProcess::killWithDescendants);
  }

  /** The fork server forked it: from now on it can be signalled, and it is in the registry. */
  void forked(long pid) {
    Optional<ProcessHandle> forked = ProcessHandle.of(pid); // empty if it ended: EXITED follows
    boolean kill;
    synchronized (this) {
      process = forked.orElse(null);
      kill = killWhenForked;
    }
    forked.ifPresent(registry::remember);
    if (kill) {
      kill();
    }
  }

  void wrote(String line) {
    output.accept(line);
  }

  void serves() {
    ready.complete(null);
  }

  /** It ended, with this exit value, reaped by the fork server. */
  void ended(int exitValue) {
    end(new ExitReport(exitValue, output.tail()));
  }

  /** The fork server could not fork it. */
  void rejected(String error) {
    WorkerStartException never =
        new WorkerStartException("the fork server could not start worker " + id + ": " + error);
    ready.completeExceptionally(never);
    exited.completeExceptionally(never);
  }

  /**
   * Its fork server died, and the kernel SIGKILLed it (its parent-death signal): kills it here too
   * in case it had not been forked far enough to arm that signal, and what its tools started, which
   * its fork server is no longer there to kill.
   */
  void endedWithForkServer(ExitReport forkServer) {
    process()
        .ifPresent(
            worker -> {
              ProcessGroups.killMembers(worker.pid(), Instant.now());
              worker.destroyForcibly();
            });
    end(ExitReport.withForkServer(forkServer));
  }

  private void end(ExitReport report) {
    process().ifPresent(worker -> registry.forget(worker.pid()));
    exited.complete(report);
  }

  private synchronized Optional<ProcessHandle> process() {
    return Optional.ofNullable(process);
  }
}
