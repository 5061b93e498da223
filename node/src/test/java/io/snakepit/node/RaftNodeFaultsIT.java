package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.snakepit.client.SessionInfo;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leader's node killed with {@code kill -9} while clients write through the SDK. */
class RaftNodeFaultsIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int WRITERS = 2;
  private static final int WRITES_BETWEEN_CHECKS = 20;

  @TempDir Path dir;
  private RaftNodes nodes;
  private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
  private final AtomicBoolean writing = new AtomicBoolean(true);
  private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();

  @AfterEach
  void stop() throws InterruptedException {
    writing.set(false);
    writers.shutdownNow();
    writers.awaitTermination(1, TimeUnit.MINUTES);
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void killingTheLeadersNodeUnderWriteLoadLosesNoAcknowledgedSession() throws Exception {
    nodes = new RaftNodes(dir, List.of("a", "b", "c"));
    Map<String, NodeProcess> byId = new LinkedHashMap<>();
    for (String id : List.of("a", "b", "c")) {
      byId.put(id, nodes.start(id));
    }
    NodeProcess anyNode = byId.get("a");
    await().atMost(WAIT).until(() -> RaftNodes.health(anyNode) == ServingStatus.SERVING);
    // Only a group whose members all caught up survives losing any one of them.
    String leader = RaftNodes.awaitInSync(anyNode, RaftNodes.IN_SYNC).getLeader();
    NodeProcess leaderNode = byId.get(leader);
    List<NodeProcess> survivors =
        byId.values().stream().filter(node -> node != leaderNode).toList();
    // The leader's node first: the clients lose the node they talk to, and fail over.
    List<String> targets = new ArrayList<>(List.of(leaderNode.target()));
    survivors.forEach(node -> targets.add(node.target()));
    List<Future<?>> running = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      String prefix = "w" + w + "-";
      running.add(writers.submit(() -> write(targets, prefix)));
    }
    awaitMoreAcknowledged();

    leaderNode.kill9();

    // Writes acknowledged again: the survivors elected a leader among themselves.
    awaitMoreAcknowledged();
    writing.set(false);
    for (Future<?> writer : running) {
      writer.get(1, TimeUnit.MINUTES);
    }

    for (NodeProcess survivor : survivors) {
      assertThat(sessionsOn(survivor)).containsAll(acknowledged);
    }
    NodeProcess restarted = nodes.start(leader);
    await().atMost(WAIT).until(() -> sessionsOn(restarted).containsAll(acknowledged));
  }

  /** Creates sessions until told to stop; a failed call (an election, a dead node) is retried. */
  private void write(List<String> targets, String prefix) {
    try (SnakepitClient client =
        SnakepitClient.builder().targets(targets).defaultTimeout(Duration.ofSeconds(20)).build()) {
      for (int i = 0; writing.get(); i++) {
        String id = prefix + i;
        try {
          client.createSession(id);
          acknowledged.add(id);
        } catch (SnakepitException unavailable) {
          // Not acknowledged: it may or may not exist, and the check only counts acknowledged ones.
        }
      }
    }
  }

  private void awaitMoreAcknowledged() {
    int before = acknowledged.size();
    await().atMost(WAIT).until(() -> acknowledged.size() >= before + WRITES_BETWEEN_CHECKS);
  }

  private static Set<String> sessionsOn(NodeProcess node) {
    try (SnakepitClient client = SnakepitClient.connect(node.target())) {
      return client.allSessions().map(SessionInfo::id).collect(Collectors.toSet());
    }
  }
}
