package io.snakepit.node.cli;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.config.ConfigException;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts a cluster of node processes on loopback for development: each node one replica of the Raft
 * store, its data, run directory and log under the cluster's directory.
 */
@Command(
    name = "up",
    description =
        "Starts a local cluster: N node processes on 127.0.0.1 with the Raft store, in the"
            + " background; prints their addresses once every node serves.")
final class ClusterUpCommand implements Callable<Integer> {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /** How much of an exited node's log its error shows. */
  private static final int LOG_LINES = 15;

  @Spec CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Nodes (3).")
  int nodes;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".snakepit/cluster",
      description = "Where the nodes keep their data and logs (${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--base-port",
      paramLabel = "PORT",
      defaultValue = "50051",
      description =
          "API port of the first node; the others follow. Raft ports start 1000 above"
              + " (${DEFAULT-VALUE}).")
  int basePort;

  @Option(names = "--pool-size", paramLabel = "N", description = "Workers per node.")
  Integer poolSize;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (nodes < 1) {
      throw new ConfigException("--nodes must be at least 1 but was " + nodes);
    }
    if (!LocalCluster.read(dir).isEmpty()) {
      throw new CommandFailedException(
          "a cluster was started in " + dir + " already: 'snakepit cluster down' stops it");
    }
    Files.createDirectories(dir);
    List<String> ids = IntStream.rangeClosed(1, nodes).mapToObj(i -> "n" + i).toList();
    String peers =
        IntStream.range(0, nodes)
            .mapToObj(i -> ids.get(i) + "=127.0.0.1:" + (basePort + 1000 + i))
            .collect(Collectors.joining(","));
    List<LocalCluster.Node> started = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      started.add(start(ids.get(i), basePort + i, peers));
      // Written as each node starts, so that 'down' stops what started even if a later one fails.
      LocalCluster.write(dir, started);
    }
    awaitServing(started);
    CliOutput output = CliOutput.of(spec);
    TextTable table = new TextTable("NODE", "API", "PID", "LOG");
    started.forEach(
        node ->
            table.row(
                node.id(),
                node.address(),
                Long.toString(node.pid()),
                dir.resolve(node.id()).resolve("node.log").toString()));
    output.table(table);
    output.line("stop it with: snakepit cluster down --dir " + dir);
    return 0;
  }

  private LocalCluster.Node start(String id, int port, String peers) throws IOException {
    Path home = dir.resolve(id);
    Files.createDirectories(home);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(thisJar().toString());
    command.addAll(
        List.of(
            "start",
            "--node-id",
            id,
            "--port",
            Integer.toString(port),
            "--http-port",
            "-1",
            "--data-dir",
            home.resolve("data").toString()));
    if (poolSize != null) {
      command.addAll(List.of("--pool-size", poolSize.toString()));
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("node.log").toFile());
    builder.environment().put("SNAKEPIT_STORE_TYPE", "raft");
    builder.environment().put("SNAKEPIT_STORE_RAFT_PEERS", peers);
    builder.environment().put("SNAKEPIT_RUN_DIR", home.resolve("run").toString());
    Process process = builder.start();
    Instant startedAt = process.toHandle().info().startInstant().orElse(Instant.EPOCH);
    return new LocalCluster.Node(id, process.pid(), startedAt, "127.0.0.1:" + port);
  }

  /** Every node's gRPC health says SERVING: the store has a leader and its pools a worker. */
  private void awaitServing(List<LocalCluster.Node> started) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    for (LocalCluster.Node node : started) {
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(node.address()).usePlaintext().build();
      try {
        while (!serving(channel)) {
          if (node.process().isEmpty()) {
            Path log = dir.resolve(node.id()).resolve("node.log");
            throw new CommandFailedException(
                "node " + node.id() + " exited; the end of " + log + ":\n" + lastLines(log));
          }
          if (System.nanoTime() > deadline) {
            throw new CommandFailedException(
                "node " + node.id() + " does not serve after " + START_TIMEOUT.toSeconds() + " s");
          }
          TimeUnit.MILLISECONDS.sleep(200);
        }
      } finally {
        channel.shutdownNow();
      }
    }
  }

  /** What a node that exited while starting said last: usually why (a port taken, say). */
  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static boolean serving(ManagedChannel channel) {
    try {
      return HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(1, TimeUnit.SECONDS)
              .check(HealthCheckRequest.newBuilder().setService(SnakepitGrpc.SERVICE_NAME).build())
              .getStatus()
          == ServingStatus.SERVING;
    } catch (RuntimeException notYet) {
      return false;
    }
  }

  /** The jar this command runs from: every node runs the same build. */
  private static Path thisJar() {
    try {
      return Path.of(
          ClusterUpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell which jar runs this command", e);
    }
  }
}
