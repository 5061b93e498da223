package io.snakepit.node.worker;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A worker that the node spawns as a fresh interpreter, {@code python -m snakepit.worker}. */
final class SpawnedWorkerProcess implements WorkerProcess {

  static final String READY_PREFIX = "SNAKEPIT_READY ";

  private final String id;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final PythonProcess process;

  private SpawnedWorkerProcess(WorkerLaunchSpec spec, WorkerRegistry registry) {
    this.id = spec.workerId();
    this.process =
        PythonProcess.start(
            id,
            "snakepit.worker",
            List.of("--socket", spec.socket().toString(), "--worker-id", id),
            spec,
            registry,
            this::onStdout);
    process
        .exited()
        .thenAccept(
            report ->
                ready.completeExceptionally(
                    new WorkerStartException("worker " + id + " " + report.describe())));
  }

  static SpawnedWorkerProcess launch(WorkerLaunchSpec spec, WorkerRegistry registry) {
    return new SpawnedWorkerProcess(spec, registry);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public long pid() {
    return process.handle().pid();
  }

  @Override
  public CompletableFuture<Void> ready() {
    return ready;
  }

  @Override
  public CompletableFuture<ExitReport> exited() {
    return process.exited();
  }

  @Override
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void stop(long graceMillis) {
    process.stop(graceMillis);
  }

  @Override
  public void kill() {
    process.kill();
  }

  private boolean onStdout(String line) {
    return line.startsWith(READY_PREFIX) && ready.complete(null);
  }
}
