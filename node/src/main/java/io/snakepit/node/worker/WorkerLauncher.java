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
 * Starts worker processes and hands back workers that answer. Process start-up (fork/exec) runs on
 * the given executor so that a pool's workers start concurrently.
 */
public final class WorkerLauncher {

  private final WorkerChannels channels;
  private final Executor launchExecutor;
  private final WorkerRegistry registry;

  public WorkerLauncher(WorkerChannels channels, Executor launchExecutor, WorkerRegistry registry) {
    this.channels = channels;
    this.launchExecutor = launchExecutor;
    this.registry = registry;
  }

  /**
   * Launches a worker; the future fails with a {@link WorkerStartException} (carrying the worker's
   * last stderr lines) when it dies or does not become ready within the spec's start timeout.
   */
  public CompletableFuture<Worker> launch(WorkerLaunchSpec spec) {
    return CompletableFuture.supplyAsync(() -> WorkerProcess.launch(spec, registry), launchExecutor)
        .thenCompose(process -> awaitReady(process, spec));
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
