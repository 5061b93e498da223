package io.snakepit.node.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Python worker process: started, watched until it says it is ready, its output logged line by
 * line under its id. The node keeps the worker's stdin open: the worker exits when it reads EOF,
 * which happens even when the node is killed with SIGKILL, so no worker outlives its node.
 */
final class WorkerProcess {

  static final String READY_PREFIX = "SNAKEPIT_READY ";
  private static final Logger log = LoggerFactory.getLogger("snakepit.worker");

  private final WorkerLaunchSpec spec;
  private final Process process;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<ExitReport> exited;
  private final OutputPump stderr;

  private WorkerProcess(WorkerLaunchSpec spec, Process process, WorkerRegistry registry) {
    this.spec = spec;
    this.process = process;
    registry.remember(process.toHandle());
    OutputPump.start(spec.workerId() + "-stdout", process.getInputStream(), this::onStdout);
    this.stderr =
        OutputPump.start(
            spec.workerId() + "-stderr",
            process.getErrorStream(),
            line -> log.info("[{}] {}", spec.workerId(), line));
    this.exited =
        process
            .onExit()
            .thenApply(
                p -> {
                  registry.forget(p.pid());
                  return exitReport();
                });
    exited.thenAccept(
        report ->
            ready.completeExceptionally(
                new WorkerStartException("worker " + spec.workerId() + " " + report.describe())));
  }

  static WorkerProcess launch(WorkerLaunchSpec spec, WorkerRegistry registry) {
    ProcessBuilder builder = new ProcessBuilder(command(spec));
    Map<String, String> env = builder.environment();
    env.put("PYTHONPATH", pythonPath(spec));
    env.put("PYTHONUNBUFFERED", "1");
    env.put("SNAKEPIT_SECRET", spec.secret());
    env.put("SNAKEPIT_RUN_ID", spec.runId());
    env.put("SNAKEPIT_MAX_MESSAGE_BYTES", Long.toString(spec.maxMessageBytes()));
    env.put("SNAKEPIT_CONCURRENT_CALLS", Integer.toString(spec.concurrentCalls()));
    try {
      return new WorkerProcess(spec, builder.start(), registry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.python(), e);
    }
  }

  String id() {
    return spec.workerId();
  }

  long pid() {
    return process.pid();
  }

  /** Completes when the worker serves; fails with a {@link WorkerStartException} if it dies. */
  CompletableFuture<Void> ready() {
    return ready;
  }

  CompletableFuture<ExitReport> exited() {
    return exited;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Asks the worker to exit (EOF on its stdin, then SIGTERM), and kills it if it lingers. */
  void stop(long graceMillis) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the worker is exiting anyway.
    }
    process.destroy();
    try {
      if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL, for a worker that is stuck, with every process its tools started. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private void onStdout(String line) {
    if (!ready.isDone() && line.startsWith(READY_PREFIX)) {
      ready.complete(null);
      return;
    }
    log.info("[{}] {}", spec.workerId(), line);
  }

  private ExitReport exitReport() {
    // Processes a tool started may outlive a worker that crashed: they are in its group.
    ProcessGroups.killMembers(process.pid(), Instant.now());
    try {
      stderr.awaitEnd(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ExitReport(process.exitValue(), stderr.tail());
  }

  private static List<String> command(WorkerLaunchSpec spec) {
    return List.of(
        spec.python().toString(),
        "-u",
        "-m",
        "snakepit.worker",
        "--adapter",
        spec.adapter(),
        "--socket",
        spec.socket().toString(),
        "--worker-id",
        spec.workerId(),
        "--node-socket",
        spec.nodeSocket().toString());
  }

  private static String pythonPath(WorkerLaunchSpec spec) {
    List<String> entries = new ArrayList<>();
    spec.pythonPath().forEach(path -> entries.add(path.toAbsolutePath().toString()));
    entries.add(spec.runtimePath().toString());
    return String.join(":", entries);
  }
}
