package io.snakepit.chaos.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a runtime needs to start a cluster: how many nodes, the node jar the project built, a
 * directory for the nodes' data and logs, and the libraries to preload into the node processes.
 */
public record ClusterSpec(int nodes, Path nodeJar, Path workDir, Set<Preload> preloads) {

  public ClusterSpec {
    if (nodes < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node: " + nodes);
    }
    preloads = Set.copyOf(preloads);
  }

  /** Nodes as they ship, with nothing preloaded. */
  public ClusterSpec(int nodes, Path nodeJar, Path workDir) {
    this(nodes, nodeJar, workDir, Set.of());
  }

  /** n1, n2, ...: the node ids, which are also their Raft peer ids. */
  public List<String> nodeIds() {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      ids.add("n" + i);
    }
    return ids;
  }

  /**
   * The settings every node gets, as environment variables: a Raft store of these peers, and an
   * expiry sweep every few seconds instead of every 30, so that sweeps fall within the faults' 4 to
   * 8 s windows, where a node whose clock is off may expire sessions it should not.
   *
   * @param raftAddress each member's Raft address as the others reach it
   */
  Map<String, String> nodeSettings(Function<String, String> raftAddress) {
    return Map.of(
        "SNAKEPIT_STORE_TYPE",
        "raft",
        "SNAKEPIT_STORE_RAFT_PEERS",
        nodeIds().stream()
            .map(id -> id + "=" + raftAddress.apply(id))
            .collect(Collectors.joining(",")),
        "SNAKEPIT_SESSION_EXPIRY_SWEEP_INTERVAL",
        "5s");
  }
}
