package io.snakepit.node;

import static org.awaitility.Awaitility.await;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.snakepit.api.v1.AdminGrpc;
import io.snakepit.api.v1.GetStoreStatusRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.StoreStatus;
import io.snakepit.store.raft.TestPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Node processes that each host one replica of the Raft session store, on one machine: peer ids,
 * Raft ports and directories fixed at creation, so that a node restarts as the same member.
 */
final class RaftNodes implements AutoCloseable {

  /**
   * How long a test waits for every member to catch up: a member stuck behind is put right after
   * {@code ReplicaWatch}'s patience, ten election timeouts (20 s by default), and a leadership
   * transfer.
   */
  static final Duration IN_SYNC = Duration.ofSeconds(90);

  private final Path dir;
  private final Map<String, String> peers = new LinkedHashMap<>();
  private final List<NodeProcess> started = new ArrayList<>();

  RaftNodes(Path dir, List<String> ids) {
    this.dir = dir;
    ids.forEach(id -> peers.put(id, "127.0.0.1:" + TestPorts.free()));
  }

  /**
   * Starts a new node that waits outside the group ({@code store.raft.join}) until a member adds
   * it; from then on every node started here lists it among the peers.
   */
  NodeProcess join(String id) {
    peers.put(id, "127.0.0.1:" + TestPorts.free());
    return start(id, Map.of("SNAKEPIT_STORE_RAFT_JOIN", "true"));
  }

  /** The address a peer replicates on, as {@code cluster add --raft-address} takes it. */
  String raftAddress(String id) {
    return peers.get(id);
  }

  /** Starts (or restarts) peer {@code id} on any free API port. */
  NodeProcess start(String id) {
    return start(id, Map.of());
  }

  /** As {@link #start(String)}, with more settings in the node's environment. */
  NodeProcess start(String id, Map<String, String> settings) {
    Map<String, String> environment = new HashMap<>(settings);
    environment.put("SNAKEPIT_STORE_TYPE", "raft");
    environment.put(
        "SNAKEPIT_STORE_RAFT_PEERS",
        peers.entrySet().stream()
            .map(peer -> peer.getKey() + "=" + peer.getValue())
            .collect(Collectors.joining(",")));
    NodeProcess node =
        NodeProcess.start(
            dir.resolve(id).resolve("data"),
            dir.resolve(id).resolve("run"),
            environment,
            "--node-id",
            id,
            "--pool-size",
            "1");
    started.add(node);
    return node;
  }

  static ServingStatus health(NodeProcess node) {
    return HealthGrpc.newBlockingStub(node.channel())
        .check(HealthCheckRequest.newBuilder().setService(SnakepitGrpc.SERVICE_NAME).build())
        .getStatus();
  }

  /** Waits until the node's health service says it serves: its store's group has a leader. */
  static void awaitServing(NodeProcess node, Duration atMost) {
    await().atMost(atMost).until(() -> health(node) == ServingStatus.SERVING);
  }

  static StoreStatus status(NodeProcess node) {
    return AdminGrpc.newBlockingStub(node.channel())
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .getStoreStatus(GetStoreStatusRequest.getDefaultInstance());
  }

  /**
   * Waits until every member has caught up with what the group committed, as the leader sees it
   * through {@code node}: only then does the group survive the loss of any one member.
   */
  static StoreStatus awaitInSync(NodeProcess node, Duration atMost) {
    return await()
        .atMost(atMost)
        .ignoreExceptions()
        .until(
            () -> status(node),
            status ->
                !status.getLeader().isEmpty()
                    && status.getMembersList().stream()
                        .allMatch(
                            member ->
                                member.getHealthy()
                                    && member.hasCommitIndex()
                                    && member.getCommitIndex() >= status.getCommitIndex()));
  }

  /** Deletes a stopped peer's data, as a replaced disk would leave it. */
  void wipe(String id) throws IOException {
    Path data = dir.resolve(id).resolve("data");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (NodeProcess node : started) {
      node.close();
    }
  }
}
