package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.Value;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.v1.ExportRecords;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.RecordPage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReadsTest {

  private static final Query GET_S1 = Query.newBuilder().setGetSession("s1").build();

  /**
   * Shared by the reads of every replica: no partition here, so whose channels they are is moot.
   */
  private final ReplicaChannels replicas =
      new ReplicaChannels(RaftPeerId.valueOf("test"), ReplicaNetwork.plaintextOnEveryInterface());

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
  void aFollowersReplicaGetsAnswersAsLargeAsRatissClientWould(@TempDir Path root) throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      RaftSessionStore store = cluster.store(leader);
      store.create("s1", new SessionOptions(Map.of(), Duration.ZERO));
      int variables = 5;
      Value oneMegabyte =
          Value.newBuilder().setBytesValue(ByteString.copyFrom(new byte[1000 * 1000])).build();
      for (int i = 0; i < variables; i++) {
        store.putVariable("s1", "v" + i, oneMegabyte, OptionalLong.empty());
      }
      // Above gRPC's default limit of 4 MiB for a message, below Ratis's.
      Query exportAll =
          Query.newBuilder()
              .setExportRecords(ExportRecords.newBuilder().setMaxBytes(7L << 20))
              .build();

      RecordPage page =
          localReads(cluster, aFollower(cluster, leader), true)
              .read(exportAll)
              .orElseThrow()
              .getRecords();

      assertThat(page.getSerializedSize()).isGreaterThan(4 << 20);
      assertThat(page.getRecordsList()).hasSize(1 + variables);
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
        cluster.store(peerId).server(),
        replicas,
        new LeaderWatch(System::nanoTime),
        forwards,
        Duration.ofSeconds(2));
  }
}
