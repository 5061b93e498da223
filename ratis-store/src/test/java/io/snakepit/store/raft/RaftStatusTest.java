package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.StoreStatus;
import io.snakepit.store.StoreStatus.Member;
import io.snakepit.store.StoreStatus.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code snakepit cluster status} reports of a three-replica group, healthy and not. */
class RaftStatusTest {

  @TempDir Path root;
  private RaftTestCluster cluster;

  @BeforeEach
  void startCluster() {
    cluster = RaftTestCluster.start(root, 3, config -> config);
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  @Test
  void everyNodeReportsALeaderAndEveryMemberHealthy() {
    cluster.awaitLeader();
    cluster.store("n1").create("s1", SessionOptions.withTtl(Duration.ZERO));

    for (String peer : cluster.peerIds()) {
      StoreStatus status =
          await()
              .atMost(RaftTestCluster.WAIT)
              .until(
                  () -> cluster.store(peer).status(),
                  // A follower applies the create a moment after the leader answered it.
                  s -> s.appliedIndex() > 0 && s.members().stream().allMatch(Member::healthy));

      assertThat(status.type()).isEqualTo("raft");
      assertThat(status.self()).isEqualTo(peer);
      assertThat(status.term()).isPositive();
      assertThat(status.appliedIndex()).isPositive().isLessThanOrEqualTo(status.commitIndex());
      String leader = status.leader().orElseThrow();
      assertThat(status.members())
          .extracting(Member::id, Member::role)
          .containsExactlyInAnyOrder(
              tuple(leader, Role.LEADER),
              tuple(other(leader, 0), Role.FOLLOWER),
              tuple(other(leader, 1), Role.FOLLOWER));
      assertThat(status.members()).allSatisfy(m -> assertThat(m.commitIndex()).isPresent());
    }
  }

  @Test
  void aStoppedFollowerTurnsUnhealthyWhileTheOthersStayHealthy() {
    String leader = cluster.awaitLeader();
    String stopped = other(leader, 0);
    cluster.stopPeer(stopped);

    StoreStatus status =
        await()
            .atMost(RaftTestCluster.WAIT)
            .until(
                () -> cluster.store(leader).status(),
                s -> s.members().stream().anyMatch(m -> !m.healthy()));

    assertThat(status.members())
        .filteredOn(m -> !m.healthy())
        .extracting(Member::id)
        .containsExactly(stopped);
    assertThat(status.members())
        .filteredOn(m -> m.id().equals(stopped))
        .allSatisfy(m -> assertThat(m.sinceLastContact()).isPresent());
  }

  @Test
  void aNodeWithoutAMajorityReportsNoLeaderInsteadOfHanging() {
    String leader = cluster.awaitLeader();
    String survivor = other(leader, 0);
    cluster.stopPeer(leader);
    cluster.stopPeer(other(leader, 1));

    StoreStatus status =
        await()
            .atMost(RaftTestCluster.WAIT)
            .until(() -> cluster.store(survivor).status(), s -> s.leader().isEmpty());

    assertThat(status.self()).isEqualTo(survivor);
    assertThat(status.members()).hasSize(3).noneMatch(Member::healthy);
  }

  /**
   * A follower asks for the view of a leader it cannot reach, gives up, and asks again once the
   * network healed and that node leads again: the question that went unanswered must not stand in
   * the way of the next one.
   */
  @Test
  void aFollowerSeesTheLeadersViewAgainAfterAPartitionHealed() {
    cluster.close();
    // Calls give up before the status question does, as they may in a deployment.
    cluster =
        RaftTestCluster.start(
            root.resolve("short-calls"),
            3,
            config -> config.withRequestTimeout(RaftTestCluster.ELECTION_TIMEOUT_MIN));
    String leader = cluster.awaitLeader();
    String follower = other(leader, 0);
    await()
        .atMost(RaftTestCluster.WAIT)
        .until(() -> cluster.leaderKnownBy(follower), Optional.of(leader)::equals);
    try (NetworkPartition partition = NetworkPartition.install()) {
      partition.isolate(leader);
      assertThat(cluster.store(follower).status().members())
          .filteredOn(m -> m.id().equals(leader))
          .noneMatch(Member::healthy);
      partition.heal();

      String heir = cluster.awaitLeader();
      if (!heir.equals(leader)) {
        cluster.store(heir).membership().orElseThrow().transferLeadership(leader);
      }
      StoreStatus status =
          await()
              .atMost(RaftTestCluster.WAIT)
              .until(
                  () -> cluster.store(follower).status(),
                  s -> s.members().stream().allMatch(Member::healthy));
      assertThat(status.leader()).contains(leader);
    }
  }

  private String other(String leader, int which) {
    return cluster.peerIds().stream().filter(id -> !id.equals(leader)).toList().get(which);
  }
}
