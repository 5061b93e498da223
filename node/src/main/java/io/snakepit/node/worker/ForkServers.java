package io.snakepit.node.worker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The fork server of every pool whose workers are forked. A pool's fork server starts with its
 * first worker, and again with the first worker launched after it died: the pool's restart backoff
 * paces those attempts, and its failed-start limit ends them.
 */
final class ForkServers implements AutoCloseable {

  private final WorkerRegistry registry;
  private final Executor launchExecutor;
  private final Map<String, CompletableFuture<ForkServer>> servers = new HashMap<>();
  private boolean closed;

  ForkServers(WorkerRegistry registry, Executor launchExecutor) {
    this.registry = registry;
    this.launchExecutor = launchExecutor;
  }

  /** Has the pool's fork server fork a worker, once that fork server is ready. */
  CompletableFuture<WorkerProcess> fork(WorkerLaunchSpec spec) {
    return readyFor(spec).thenApplyAsync(server -> server.fork(spec), launchExecutor);
  }

  /** Stops every fork server, after (or while) its pool stops its workers. */
  @Override
  public void close() {
    List<CompletableFuture<ForkServer>> started;
    synchronized (this) {
      closed = true;
      started = List.copyOf(servers.values());
    }
    started.forEach(server -> server.thenAccept(ForkServer::stop));
  }

  private synchronized CompletableFuture<ForkServer> readyFor(WorkerLaunchSpec spec) {
    if (closed) {
      return CompletableFuture.failedFuture(
          new WorkerStartException("pool " + spec.pool() + " is stopping"));
    }
    CompletableFuture<ForkServer> server = servers.get(spec.pool());
    if (server == null || hasEnded(server)) {
      // Started on the launch executor: starting a process takes a while, and the caller may be
      // a thread that serves calls.
      server =
          CompletableFuture.supplyAsync(() -> ForkServer.start(spec, registry), launchExecutor)
              .thenCompose(ForkServer::ready);
      servers.put(spec.pool(), server);
    }
    return server;
  }

  private static boolean hasEnded(CompletableFuture<ForkServer> server) {
    return server.isCompletedExceptionally() || (server.isDone() && server.join().hasEnded());
  }
}
