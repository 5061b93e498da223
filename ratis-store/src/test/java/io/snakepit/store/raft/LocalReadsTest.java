package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReadsTest {

  private static final Message GET_S1 = Messages.of(Query.newBuilder().setGetSession("s1").build());

  @Test
  void theLeadersReplicaAnswersWithWhatWasJustWrittenThroughAFollower(@TempDir Path root)
      throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      String follower = aFollower(cluster, leader);
      cluster
          .store(follower)
          .create("s1", new SessionOptions(Map.of("by", follower), Duration.ZERO));

      RaftClientReply reply = localReads(cluster, leader).read(GET_S1).orElseThrow();

      assertThat(Messages.parse(Reply.parser(), reply.getMessage().getContent()))
          .extracting(answer -> answer.getSession().getMetadataMap())
          .isEqualTo(Map.of("by", follower));
    }
  }

  @Test
  void aFollowersReplicaLeavesTheReadToTheLeader(@TempDir Path root) throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      cluster.store(leader).create("s1", new SessionOptions(Map.of(), Duration.ZERO));

      assertThat(localReads(cluster, aFollower(cluster, leader)).read(GET_S1)).isEmpty();
    }
  }

  @Test
  void aLeaderThatLostItsMajorityGivesNoAnswer(@TempDir Path root) throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      cluster.store(leader).create("s1", new SessionOptions(Map.of(), Duration.ZERO));
      cluster.peerIds().stream().filter(id -> !id.equals(leader)).forEach(cluster::stopPeer);

      assertThat(localReads(cluster, leader).read(GET_S1)).isEmpty();
    }
  }

  private static String aFollower(RaftTestCluster cluster, String leader) {
    return cluster.peerIds().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
  }

  private static LocalReads localReads(RaftTestCluster cluster, String peerId) {
    return new LocalReads(cluster.store(peerId).server(), Duration.ofSeconds(2));
  }
}
