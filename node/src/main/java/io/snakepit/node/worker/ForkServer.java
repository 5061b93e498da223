package io.snakepit.node.worker;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's fork server: one Python process, the node's child, that imported the pool's adapter once
 * and forks the pool's workers on command ({@code python -m snakepit.forkserver}). Its stdout tells
 * what becomes of each worker; its stdin is the node's pipe, whose end (however the node ends)
 * makes it kill its workers and exit. When it dies, its workers die with it: the kernel kills them
 * (their parent-death signal), and the node reports each one's end.
 */
final class ForkServer {

  private static final Logger log = LoggerFactory.getLogger(ForkServer.class);

  /** Its workers' drain on SIGTERM (about 3 s), then the wait for their ends (at most 5 s). */
  private static final long STOP_GRACE_MILLIS = 10_000;

  private final String name;
  private final WorkerRegistry registry;
  private final ForkedWorkers workers = new ForkedWorkers();
  private final CompletableFuture<ForkServer> ready = new CompletableFuture<>();
  private final PythonProcess process;
  private volatile boolean stopping;

  private ForkServer(WorkerLaunchSpec poolSpec, WorkerRegistry registry) {
    this.name = "the fork server of pool " + poolSpec.pool();
    this.registry = registry;
    this.process =
        PythonProcess.start(
            poolSpec.pool() + "-forkserver",
            "snakepit.forkserver",
            List.of(),
            poolSpec,
            registry,
            this::onLine);
    process.exited().thenAccept(this::onExit);
  }

  /**
   * Starts the fork server of {@code poolSpec}'s pool: it imports the adapter, then is {@link
   * #ready}, or is killed if that takes longer than the spec's start timeout.
   */
  static ForkServer start(WorkerLaunchSpec poolSpec, WorkerRegistry registry) {
    ForkServer server = new ForkServer(poolSpec, registry);
    long timeoutMillis = poolSpec.startTimeout().toMillis();
    CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS)
        .execute(
            () -> {
              String late = server.name + " was not ready within " + poolSpec.startTimeout();
              if (server.ready.completeExceptionally(new WorkerStartException(late))) {
                server.process.kill();
              }
            });
    return server;
  }

  /** Completes when it takes commands; fails with a {@link WorkerStartException} if it ends. */
  CompletableFuture<ForkServer> ready() {
    return ready;
  }

  /** True as soon as the process is gone, before its end has been reported to its workers. */
  boolean hasEnded() {
    return !process.isAlive();
  }

  /** Asks for a worker; the fork server's lines then tell how it fares. */
  WorkerProcess fork(WorkerLaunchSpec spec) {
    ForkedWorkerProcess worker = new ForkedWorkerProcess(spec.workerId(), registry);
    if (!workers.expect(worker)) {
      worker.rejected(name + " has ended");
      return worker;
    }
    try {
      process.send(ForkServerProtocol.spawnCommand(spec.workerId(), spec.socket()));
    } catch (IOException e) {
      // The fork server is ending: its end, which broke the pipe, ends this worker too.
    }
    return worker;
  }

  /** Stops its workers (SIGTERM: they drain) and then itself. */
  void stop() {
    stopping = true;
    process.stop(STOP_GRACE_MILLIS);
  }

  /** True for a line of the protocol; any other line goes into the log. */
  private boolean onLine(String text) {
    Optional<ForkServerProtocol.Line> parsed = ForkServerProtocol.parse(text);
    if (parsed.isEmpty()) {
      return false;
    }
    ForkServerProtocol.Line line = parsed.get();
    switch (line.word()) {
      case ForkServerProtocol.FORKSERVER_READY -> ready.complete(this);
      case ForkServerProtocol.FORKED -> workers.find(line.pid(), line.workerId());
      case ForkServerProtocol.READY ->
          workers.find(line.pid(), line.workerId()).ifPresent(ForkedWorkerProcess::serves);
      case ForkServerProtocol.OUTPUT -> {
        Optional<ForkedWorkerProcess> writer = workers.find(line.pid(), line.workerId());
        writer.ifPresent(worker -> worker.wrote(line.text("line")));
        return writer.isPresent();
      }
      case ForkServerProtocol.EXITED ->
          workers
              .ended(line.pid(), line.workerId())
              .ifPresent(worker -> worker.ended(line.exitValue()));
      case ForkServerProtocol.REJECTED ->
          workers
              .rejected(line.workerId())
              .ifPresent(worker -> worker.rejected(line.text("error")));
      default -> {
        return false;
      }
    }
    return true;
  }

  private void onExit(ExitReport report) {
    boolean wasServing = ready.isDone() && !ready.isCompletedExceptionally();
    ready.completeExceptionally(new WorkerStartException(name + " " + report.describe()));
    List<ForkedWorkerProcess> orphans = workers.close();
    if (wasServing && !stopping) {
      log.error(
          "{} (pid {}) {}; its {} workers went down with it",
          name,
          process.handle().pid(),
          report.describe(),
          orphans.size());
    }
    orphans.forEach(worker -> worker.endedWithForkServer(report));
  }
}
