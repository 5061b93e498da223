package io.snakepit.bench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three Snakepit nodes on loopback, each its own process from the node's jar and one replica of the
 * Raft session store with a static peer list, as the README's "Three nodes with the Raft store"
 * starts them; every other setting is the node's default.
 */
final class SnakepitCluster {

  static final String NAME = "Snakepit";

  private static final List<String> IDS = List.of("a", "b", "c");

  /** How the cluster runs and is called, for the report. */
  static final String DESCRIPTION =
      NAME
          + ": 3 node processes on loopback, store.type raft with static peers, defaults"
          + " otherwise; the Java SDK, one channel per node";

  private SnakepitCluster() {}

  /** Starts the nodes with their data under {@code dir} and waits until each one answers. */
  static SystemUnderTest start(Path nodeJar, Path dir) {
    if (!Files.isRegularFile(nodeJar)) {
      throw new IllegalArgumentException(
          "no node jar at " + nodeJar + ": build it with mvn -pl bench -am package -DskipTests");
    }
    List<Integer> ports = FreePorts.pick(2 * IDS.size());
    List<Integer> apiPorts = ports.subList(0, IDS.size());
    List<Integer> raftPorts = ports.subList(IDS.size(), ports.size());
    String peers =
        IntStream.range(0, IDS.size())
            .mapToObj(i -> IDS.get(i) + "=127.0.0.1:" + raftPorts.get(i))
            .collect(Collectors.joining(","));
    LocalCluster nodes =
        LocalCluster.start(
            apiPorts, i -> startNode(nodeJar, dir, IDS.get(i), apiPorts.get(i), peers));
    return SystemUnderTest.connect(
        NAME, nodes, targets -> new SnakepitRecords(targets, SystemUnderTest.CALL_TIMEOUT));
  }

  private static LocalProcess startNode(
      Path nodeJar, Path dir, String id, int apiPort, String peers) {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            nodeJar.toString(),
            "start",
            "--node-id",
            id,
            "--port",
            Integer.toString(apiPort),
            "--http-port",
            "-1",
            "--data-dir",
            dir.resolve(id).toString(),
            // The benchmark calls no tool: one idle worker is enough for a node to start.
            "--pool-size",
            "1");
    Map<String, String> environment =
        Map.of(
            "SNAKEPIT_STORE_TYPE",
            "raft",
            "SNAKEPIT_STORE_RAFT_PEERS",
            peers,
            "SNAKEPIT_RUN_DIR",
            dir.resolve(id + "-run").toString());
    return LocalProcess.start(
        NAME + " node " + id, command, environment, dir.resolve("node-" + id + ".log"));
  }
}
