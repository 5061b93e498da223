package io.snakepit.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.SnakepitNode;
import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.config.NodeConfigLoader;
import io.snakepit.node.config.StartMethod;
import io.snakepit.node.runtime.PythonRuntime;
import io.snakepit.node.runtime.RunDirectory;
import io.snakepit.node.worker.Worker;
import io.snakepit.node.worker.WorkerChannels;
import io.snakepit.node.worker.WorkerLaunchSpec;
import io.snakepit.node.worker.WorkerLauncher;
import io.snakepit.node.worker.WorkerRegistry;
import io.snakepit.worker.v1.WorkerGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What the execute benchmark calls: a node with a pool of {@code workers} Python workers, reached
 * over TCP loopback like any client; and, as the floor, the same number of standalone workers of
 * the same adapter reached directly over their Unix sockets.
 */
final class PingTargets implements AutoCloseable {

  private final Path dir;
  private final SnakepitNode node;
  private final ManagedChannel nodeChannel;
  private final RunDirectory directRun;
  private final WorkerChannels directChannels;
  private final ExecutorService launchExecutor = Executors.newFixedThreadPool(2);
  private final List<Worker> directWorkers = new ArrayList<>();
  private final List<ManagedChannel> directChannelsOpen = new ArrayList<>();

  PingTargets(int workers) {
    try {
      dir = Files.createTempDirectory("snakepit-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    node = SnakepitNode.start(nodeConfig(workers));
    // Replies handled on the network thread, as on the direct route's worker channels: both
    // routes pay the same client-side costs.
    nodeChannel =
        ManagedChannelBuilder.forAddress("127.0.0.1", node.grpcPort())
            .usePlaintext()
            .directExecutor()
            .build();
    directRun = RunDirectory.create(dir.resolve("direct"), "bench", new SecureRandom());
    directChannels = new WorkerChannels(directRun.secret(), 16 * 1024 * 1024, 2);
    startDirectWorkers(workers);
  }

  SnakepitGrpc.SnakepitBlockingStub node() {
    return SnakepitGrpc.newBlockingStub(nodeChannel);
  }

  /** A blocking stub to one standalone worker, chosen by index. */
  WorkerGrpc.WorkerBlockingStub direct(int index) {
    return WorkerGrpc.newBlockingStub(directChannelsOpen.get(index % directChannelsOpen.size()));
  }

  @Override
  public void close() {
    directChannelsOpen.forEach(ManagedChannel::shutdownNow);
    directWorkers.forEach(worker -> worker.stop(1_000));
    directChannels.close();
    launchExecutor.shutdownNow();
    directRun.close();
    nodeChannel.shutdownNow();
    node.close();
  }

  private NodeConfig nodeConfig(int workers) {
    return NodeConfigLoader.load(
            Optional.empty(),
            Map.of(),
            Map.of(
                "node.id", "bench",
                "grpc.port", "0",
                "http.port", "-1",
                "pool.size", Integer.toString(workers),
                "pool.queue-capacity", "1024",
                "data.dir", dir.resolve("data").toString(),
                "run.dir", dir.resolve("run").toString()))
        .config();
  }

  private void startDirectWorkers(int count) {
    NodeConfig defaults = nodeConfig(count);
    Path runtime = PythonRuntime.unpackInto(directRun.path().resolve("python"));
    WorkerLauncher launcher =
        new WorkerLauncher(
            directChannels,
            launchExecutor,
            WorkerRegistry.in(dir.resolve("direct-workers"), directRun.runId()));
    for (int i = 0; i < count; i++) {
      WorkerLaunchSpec spec =
          new WorkerLaunchSpec(
              "direct",
              "direct-" + i,
              defaults.pool().python(),
              runtime,
              List.of(),
              defaults.pool().adapter(),
              directRun.socket("direct-" + i),
              directRun.socket("no-node"),
              directRun.runId(),
              directRun.secret(),
              16 * 1024 * 1024,
              Duration.ofSeconds(30),
              StartMethod.SPAWN,
              1);
      directWorkers.add(launcher.launch(spec).join());
      directChannelsOpen.add(directChannels.open(spec.socket()));
    }
  }
}
