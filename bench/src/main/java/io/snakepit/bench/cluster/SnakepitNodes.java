package io.snakepit.bench.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three Snakepit nodes on loopback, each its own process from the node's jar and one replica of the
 * Raft session store with a static peer list, as the README's "Three nodes with the Raft store"
 * starts them; every setting but the pool's size is the node's default.
 */
public final class SnakepitNodes {

  /** The nodes' ids, in the order of the cluster's members and client addresses. */
  public static final List<String> IDS = List.of("a", "b", "c");

  private SnakepitNodes() {}

  /** How the nodes run, for a report. */
  public static String describe(int poolSize) {
    return "3 node processes on loopback, store.type raft with static peers, "
        + poolSize
        + (poolSize == 1 ? " worker" : " workers")
        + " each, defaults otherwise";
  }

  /**
   * Starts the nodes, each with a pool of {@code poolSize} workers of the example adapter and its
   * data under {@code dir}; answering is for the caller to await.
   */
  public static LocalCluster start(Path nodeJar, Path dir, int poolSize) {
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
    return LocalCluster.start(
        apiPorts, i -> startNode(nodeJar, dir, IDS.get(i), apiPorts.get(i), peers, poolSize));
  }

  private static LocalProcess startNode(
      Path nodeJar, Path dir, String id, int apiPort, String peers, int poolSize) {
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
            "--pool-size",
            Integer.toString(poolSize));
    Map<String, String> environment =
        Map.of(
            "SNAKEPIT_STORE_TYPE",
            "raft",
            "SNAKEPIT_STORE_RAFT_PEERS",
            peers,
            "SNAKEPIT_RUN_DIR",
            dir.resolve(id + "-run").toString());
    return LocalProcess.start(
        "Snakepit node " + id, command, environment, dir.resolve("node-" + id + ".log"));
  }
}
