package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.StoreException;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read a follower's node sent on to the leader, as the leader's state machine takes it. */
class ForwardedReadsTest {

  private static final Query GET_S1 = Query.newBuilder().setGetSession("s1").build();

  /**
   * A leader that hears from no follower steps down after the maximum election timeout: one far
   * above the minimum keeps it leading while these tests ask it, with every follower stopped.
   */
  private static RaftStoreConfig holdingOn(RaftStoreConfig config) {
    return config.withElectionTimeouts(
        RaftTestCluster.ELECTION_TIMEOUT_MIN,
        RaftTestCluster.ELECTION_TIMEOUT_MIN.multipliedBy(20));
  }

  @Test
  void inAGroupOfThreeTheAskerAtTheLeadersTermConfirmsItWithoutARound(@TempDir Path root) {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, ForwardedReadsTest::holdingOn)) {
      String leader = cluster.awaitLeader();
      cluster.store(leader).create("s1", new SessionOptions(Map.of("by", leader), Duration.ZERO));
      long term = cluster.currentTerm(leader);
      List<String> followers = followersOf(cluster, leader);
      // No follower can answer a probe now: only the asker's term can make the majority.
      followers.forEach(cluster::stopPeer);

      Reply answer = forwarded(cluster, leader, followers.get(0), term);

      assertThat(answer.getSession().getMetadataMap()).isEqualTo(Map.of("by", leader));
    }
  }

  @Test
  void anAskerAtAnEarlierTermDoesNotCount(@TempDir Path root) {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, ForwardedReadsTest::holdingOn)) {
      String leader = cluster.awaitLeader();
      cluster.store(leader).create("s1", new SessionOptions(Map.of(), Duration.ZERO));
      long term = cluster.currentTerm(leader);
      List<String> followers = followersOf(cluster, leader);
      followers.forEach(cluster::stopPeer);

      assertThatThrownBy(() -> forwarded(cluster, leader, followers.get(0), term - 1))
          .isInstanceOf(StoreException.Unavailable.class);
    }
  }

  @Test
  void anAskerAtALaterTermFailsTheRead(@TempDir Path root) {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      // Acknowledged once the leader serves: it answers forwarded reads only from then on.
      cluster.store(leader).create("s1", new SessionOptions(Map.of(), Duration.ZERO));
      long term = cluster.currentTerm(leader);

      assertThatThrownBy(
              () -> forwarded(cluster, leader, followersOf(cluster, leader).get(0), term + 1))
          .isInstanceOf(StoreException.Unavailable.class)
          .hasMessageContaining("no longer leads");
    }
  }

  @Test
  void aFollowerDoesNotAnswer(@TempDir Path root) {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      String follower = followersOf(cluster, leader).get(0);

      assertThatThrownBy(() -> forwarded(cluster, follower, leader, cluster.currentTerm(follower)))
          .isInstanceOf(StoreException.Unavailable.class)
          .hasMessageContaining("not the serving leader");
    }
  }

  private static Reply forwarded(
      RaftTestCluster cluster, String receiver, String asker, long askerTerm) {
    try {
      return cluster
          .stateMachine(receiver)
          .queryForwarded(RaftPeerId.valueOf(asker), askerTerm, GET_S1)
          .join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private static List<String> followersOf(RaftTestCluster cluster, String leader) {
    return cluster.peerIds().stream().filter(id -> !id.equals(leader)).toList();
  }
}
