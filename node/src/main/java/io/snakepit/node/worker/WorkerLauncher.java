package io.snakepit.node.worker;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.snakepit.worker.v1.DescribeResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts worker processes, forked by their pool's fork server or spawned, and hands back workers
 * that answer. Process start-up runs on the given executor so that a pool's workers start
 * concurrently. Closing it stops the fork servers, once the pools have stopped their workers.
 */
public final class WorkerLauncher implements AutoCloseable {

  private final WorkerChannels channels;
  private final Executor launchExecutor;
  private final WorkerRegistry registry;
  private final ForkServers forkServers;

  public WorkerLauncher(WorkerChannels channels, Executor launchExecutor, WorkerRegistry registry) {
    this.channels = channels;
    this.launchExecutor = launchExecutor;
    this.registry = registry;
    this.forkServers = new ForkServers(registry, launchExecutor);
  }

  /**
   * Launches a worker; the future fails with a {@link WorkerStartException} (carrying the worker's
   * last stderr lines, or its fork server's) when it dies or does not become ready within the
   * spec's start timeout.
   */
  public CompletableFuture<Worker> launch(WorkerLaunchSpec spec) {
    return start(spec).thenCompose(process -> awaitReady(process, spec));
  }

  @Override
  public void close() {
    forkServers.close();
  }

  private CompletableFuture<WorkerProcess> start(WorkerLaunchSpec spec) {
    return switch (spec.startMethod()) {
      case FORK -> forkServers.fork(spec);
      case SPAWN ->
          CompletableFuture.supplyAsync(
              () -> SpawnedWorkerProcess.launch(spec, registry), launchExecutor);
    };
  }

  private CompletableFuture<Worker> awaitReady(WorkerProcess process, WorkerLaunchSpec spec) {
    long timeoutMillis = spec.startTimeout().toMillis();
    return process
        .ready()
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .exceptionally(
            failure -> {
              process.kill();
              throw asStartFailure(spec, failure);
            })
        .thenApplyAsync(ready -> connect(process, spec, timeoutMillis), launchExecutor);
  }

  private Worker connect(WorkerProcess process, WorkerLaunchSpec spec, long timeoutMillis) {
    ManagedChannel channel = channels.open(spec.socket());
    try {
      DescribeResponse description = Worker.describe(channel, timeoutMillis);
      return Worker.connected(process, channel, description);
    } catch (StatusRuntimeException e) {
      channel.shutdownNow();
      process.kill();
      throw new WorkerStartException(
          "worker " + spec.workerId() + " did not answer Describe: " + e.getStatus());
    }
  }

  private static RuntimeException asStartFailure(WorkerLaunchSpec spec, Throwable failure) {
    Throwable cause =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof TimeoutException) {
      return new WorkerStartException(
          "worker " + spec.workerId() + " was not ready within " + spec.startTimeout());
    }
    return cause instanceof RuntimeException runtime
        ? runtime
        : new WorkerStartException("worker " + spec.workerId() + " failed to start: " + cause);
  }
}
