package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.v1.Query;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReadsTest {

  private static final Query GET_S1 = Query.newBuilder().setGetSession("s1").build();

  private final ReplicaChannels replicas = new ReplicaChannels();

  @AfterEach
  void closeChannels() {
    replicas.close();
  }

  @Test
  void theLeadersReplicaAnswersWithWhatWasJustWrittenThroughAFollower(@TempDir Path root)
      throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      String follower = aFollower(cluster, leader);
      cluster
          .store(follower)
          .create("s1", new SessionOptions(Map.of("by", follower), Duration.ZERO));

      assertThat(localReads(cluster, leader, true).read(GET_S1).orElseThrow())
          .extracting(answer -> answer.getSession().getMetadataMap())
          .isEqualTo(Map.of("by", follower));
    }
  }

  @Test
  void aFollowersReplicaSendsTheReadOnToTheLeader(@TempDir Path root) throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      cluster.store(leader).create("s1", new SessionOptions(Map.of("by", leader), Duration.ZERO));

      assertThat(localReads(cluster, aFollower(cluster, leader), true).read(GET_S1).orElseThrow())
          .extracting(answer -> answer.getSession().getMetadataMap())
          .isEqualTo(Map.of("by", leader));
    }
  }

  @Test
  void withLeaseReadsAFollowersReplicaLeavesTheReadToRatis(@TempDir Path root) throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      cluster.store(leader).create("s1", new SessionOptions(Map.of(), Duration.ZERO));

      assertThat(localReads(cluster, aFollower(cluster, leader), false).read(GET_S1)).isEmpty();
    }
  }

  @Test
  void aLeaderThatLostItsMajorityGivesNoAnswer(@TempDir Path root) throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      cluster.store(leader).create("s1", new SessionOptions(Map.of(), Duration.ZERO));
      cluster.peerIds().stream().filter(id -> !id.equals(leader)).forEach(cluster::stopPeer);

      assertThat(localReads(cluster, leader, true).read(GET_S1)).isEmpty();
    }
  }

  private static String aFollower(RaftTestCluster cluster, String leader) {
    return cluster.peerIds().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
  }

  private LocalReads localReads(RaftTestCluster cluster, String peerId, boolean forwards) {
    return new LocalReads(
        cluster.store(peerId).server(), replicas, forwards, Duration.ofSeconds(2));
  }
}
