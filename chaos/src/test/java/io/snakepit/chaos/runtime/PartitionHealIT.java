package io.snakepit.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.snakepit.client.SessionInfo;
import io.snakepit.client.SnakepitClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Three node containers; one is cut off from the other two while they take writes, then the links
 * heal. Afterwards every node sees every session, and the nodes agree again on which of them owns
 * each session: a call entering through any node runs on the same one.
 */
class PartitionHealIT {

  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private static final int SESSIONS = 24;

  @Test
  void afterACutOffNodeHealsEveryNodeSeesEverySessionAndTheyAgreeOnTheOwners() throws Exception {
    RuntimeKind runtime = RuntimeKind.AUTO.resolve(System.out::println);
    if (runtime != RuntimeKind.CONTAINERS) {
      System.out.println("WARNING: PartitionHealIT skipped: node processes cannot be partitioned");
    }
    assumeTrue(runtime == RuntimeKind.CONTAINERS, "partitions need the container runtime");
    ClusterSpec spec =
        new ClusterSpec(
            3,
            Path.of(System.getProperty("snakepit.nodeJar")),
            Path.of("target", "partition-heal"));
    try (ContainerCluster cluster = ContainerCluster.start(spec)) {
      Leaders.await(cluster, RECOVERY);
      String cutOff = cluster.nodes().get(0);
      List<String> majority = cluster.nodes().subList(1, 3);
      Set<String> written = new HashSet<>();
      try (SnakepitClient client = client(cluster, cluster.nodes())) {
        IntStream.range(0, SESSIONS).forEach(i -> written.add(create(client, "before-" + i)));
      }

      cluster.cut(
          Map.of(
              cutOff,
              Set.of(cutOff),
              majority.get(0),
              Set.copyOf(majority),
              majority.get(1),
              Set.copyOf(majority)));
      try (SnakepitClient majoritySide = client(cluster, majority)) {
        IntStream.range(0, SESSIONS).forEach(i -> written.add(create(majoritySide, "during-" + i)));
      }
      cluster.heal();

      for (String node : cluster.nodes()) {
        try (SnakepitClient client = SnakepitClient.connect(cluster.target(node))) {
          await()
              .atMost(RECOVERY)
              .ignoreExceptions()
              .until(() -> sessionIds(client).containsAll(written));
        }
      }
      Map<String, String> owners =
          await()
              .atMost(RECOVERY)
              .ignoreExceptions()
              .until(
                  () -> agreedOwners(cluster, written), agreed -> agreed.size() == written.size());
      assertThat(Set.copyOf(owners.values()))
          .as("every node owns some of %d sessions", written.size())
          .containsExactlyInAnyOrderElementsOf(cluster.nodes());
    }
  }

  private static SnakepitClient client(Cluster cluster, List<String> nodes) {
    return SnakepitClient.builder()
        .targets(nodes.stream().map(cluster::target).toList())
        .defaultTimeout(Duration.ofSeconds(20))
        .build();
  }

  private static String create(SnakepitClient client, String sessionId) {
    return await()
        .atMost(RECOVERY)
        .ignoreExceptions()
        .until(() -> client.createSession(sessionId).id(), id -> true);
  }

  private static Set<String> sessionIds(SnakepitClient client) {
    return client.allSessions().map(SessionInfo::id).collect(Collectors.toSet());
  }

  /**
   * The node each session's calls ran on, for the sessions whose calls ran on the same node
   * whichever node they entered through.
   */
  private static Map<String, String> agreedOwners(Cluster cluster, Set<String> sessions) {
    Map<String, Set<String>> ranOn = new HashMap<>();
    for (String entry : cluster.nodes()) {
      try (SnakepitClient client = SnakepitClient.connect(cluster.target(entry))) {
        for (String session : sessions) {
          String node = client.call("ping").session(session).executeDetailed().nodeId();
          ranOn.computeIfAbsent(session, s -> new HashSet<>()).add(node);
        }
      }
    }
    Map<String, String> agreed = new HashMap<>();
    ranOn.forEach(
        (session, nodes) -> {
          if (nodes.size() == 1) {
            agreed.put(session, nodes.iterator().next());
          }
        });
    return agreed;
  }
}
