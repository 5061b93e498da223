package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.v1.SessionRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding replicas to a running three-replica group and removing them, the leader included. */
class RaftMembershipTest {

  private static final Duration WAIT = RaftTestCluster.WAIT;
  private static final SessionOptions OPTIONS = SessionOptions.withTtl(Duration.ZERO);

  /** Small enough that a few dozen writes take snapshots and purge closed log segments. */
  private static final long SNAPSHOT_THRESHOLD = 10;

  private static final long LOG_SEGMENT_SIZE = 1024;

  @TempDir Path root;
  private RaftTestCluster cluster;

  @BeforeEach
  void startCluster() {
    cluster =
        RaftTestCluster.start(
            root, 3, config -> config.withSnapshots(SNAPSHOT_THRESHOLD, LOG_SEGMENT_SIZE));
  }

  @AfterEach
  void stopCluster() {
    cluster.close();
  }

  /** A replica swapping in a snapshot is briefly unreadable. */
  private static ConditionFactory awaitReplica() {
    return await().atMost(WAIT).ignoreException(StoreException.Unavailable.class);
  }

  private static SessionStore.Membership membership(SessionStore store) {
    return store.membership().orElseThrow();
  }

  @Test
  void anAddedReplicaCatchesUpFromASnapshotAndARemovedOneLeavesAGroupThatServes() {
    String leader = cluster.awaitLeader();
    SessionStore store = cluster.store(leader);
    List<String> ids = IntStream.range(0, 30).mapToObj("s%02d"::formatted).toList();
    ids.forEach(id -> store.create(id, OPTIONS));
    await().atMost(WAIT).until(() -> cluster.logStartIndex(leader) > 1);

    SessionStore joiner = cluster.startJoiner("n3");
    assertThat(membership(joiner).members()).doesNotContainKey("n3");
    assertThat(cluster.replicaSessions("n3")).isEmpty();

    assertThat(membership(cluster.store("n1")).add("n3", cluster.address("n3")))
        .containsOnlyKeys("n0", "n1", "n2", "n3");

    List<SessionRecord> expected = cluster.replicaSessions(leader);
    awaitReplica().until(() -> cluster.replicaSessions("n3").equals(expected));
    assertThat(cluster.snapshotIndex("n3")).as("caught up from a snapshot").isPositive();
    assertThat(joiner.list("", 100).sessions()).hasSize(ids.size());
    await().atMost(WAIT).until(() -> membership(joiner).members().keySet(), m -> m.contains("n3"));

    String removed = leader.equals("n0") ? "n1" : "n0";
    SessionStore staying = cluster.store(leader);
    assertThat(membership(staying).remove(removed)).doesNotContainKey(removed).hasSize(3);
    assertThat(membership(cluster.store(removed)).removed())
        .succeedsWithin(WAIT)
        .asString()
        .contains(removed);
    cluster.stopPeer(removed);

    joiner.create("after-removal", OPTIONS);
    assertThat(staying.exists("after-removal")).isTrue();
    for (String peer : List.of(leader, "n2", "n3")) {
      if (!peer.equals(removed)) {
        awaitReplica()
            .until(
                () -> cluster.replicaSessions(peer).stream().map(SessionRecord::getId).toList(),
                sessions -> sessions.contains("after-removal"));
      }
    }
  }

  @Test
  void aJoinedReplicaRestartedWithItsJoinSettingIsStillAMemberAndLearnsItsRemoval() {
    String leader = cluster.awaitLeader();
    cluster.startJoiner("n3");
    membership(cluster.store(leader)).add("n3", cluster.address("n3"));
    cluster.stopPeer("n3");
    cluster.store(leader).create("while-n3-was-down", OPTIONS);

    SessionStore restarted = cluster.startPeer("n3");

    assertThat(membership(restarted).members()).containsKey("n3");
    awaitReplica()
        .until(
            () -> cluster.replicaSessions("n3").stream().map(SessionRecord::getId).toList(),
            sessions -> sessions.contains("while-n3-was-down"));
    membership(cluster.store(leader)).remove("n3");
    assertThat(membership(restarted).removed()).succeedsWithin(WAIT);
  }

  /**
   * Catching up, a replica removed, wiped and added back with its id applies the configuration that
   * removed it (still in the leader's log): an old one, which must not stop it again.
   */
  @Test
  void aReplicaRemovedWipedAndAddedBackWithItsIdStaysAMember() throws Exception {
    String leader = cluster.awaitLeader();
    String replaced = cluster.peerIds().stream().filter(id -> !id.equals(leader)).findFirst().get();
    SessionStore staying = cluster.store(leader);
    staying.create("before", OPTIONS);
    membership(staying).remove(replaced);
    assertThat(membership(cluster.store(replaced)).removed()).succeedsWithin(WAIT);
    cluster.stopPeer(replaced);
    cluster.wipePeer(replaced);

    SessionStore back = cluster.startJoiner(replaced);
    membership(staying).add(replaced, cluster.address(replaced));
    staying.create("after", OPTIONS);

    awaitReplica()
        .until(
            () -> cluster.replicaSessions(replaced).stream().map(SessionRecord::getId).toList(),
            sessions -> sessions.contains("after"));
    assertThat(membership(back).removed()).isNotDone();
    assertThat(membership(back).members()).containsKey(replaced);
  }

  @Test
  void removingTheLeaderLetsTheOthersElectAnotherAndServe() {
    String leader = cluster.awaitLeader();
    String follower = cluster.peerIds().stream().filter(id -> !id.equals(leader)).findFirst().get();
    SessionStore store = cluster.store(follower);
    store.create("before", OPTIONS);

    assertThat(membership(store).remove(leader)).doesNotContainKey(leader).hasSize(2);

    assertThat(membership(cluster.store(leader)).removed()).succeedsWithin(WAIT);
    cluster.stopPeer(leader);
    assertThat(cluster.awaitLeader()).isNotEqualTo(leader);
    store.create("after", OPTIONS);
    assertThat(store.list("", 10).sessions()).extracting(s -> s.id()).contains("before", "after");
  }

  @Test
  void changesThatCannotApplyFailWithTheirOwnErrors() {
    cluster.awaitLeader();
    SessionStore.Membership members = membership(cluster.store("n0"));

    assertThatThrownBy(() -> members.add("n1", "127.0.0.1:1"))
        .isInstanceOf(StoreException.AlreadyExists.class);
    assertThatThrownBy(() -> members.add("n9", "no-port"))
        .isInstanceOf(StoreException.InvalidArgument.class);
    assertThatThrownBy(() -> members.add("n9", cluster.address("n2")))
        .isInstanceOf(StoreException.InvalidArgument.class);
    assertThatThrownBy(() -> members.remove("n9")).isInstanceOf(StoreException.NotFound.class);
    assertThat(members.members()).containsOnlyKeys("n0", "n1", "n2");
  }

  @Test
  void addingAReplicaThatDoesNotRunFailsUnavailableAndChangesNothing() {
    String leader = cluster.awaitLeader();
    SessionStore.Membership members = membership(cluster.store("n1"));

    assertThatThrownBy(() -> members.add("n9", "127.0.0.1:9"))
        .isInstanceOf(StoreException.Unavailable.class)
        .hasMessageContaining("did not catch up");

    // Tried again under another leader, which a leader stuck on the new replica would need.
    assertThat(cluster.currentLeader()).isPresent().isNotEqualTo(Optional.of(leader));
    assertThat(members.members()).containsOnlyKeys("n0", "n1", "n2");
    cluster.store("n0").create("still-serving", OPTIONS);
  }
}
