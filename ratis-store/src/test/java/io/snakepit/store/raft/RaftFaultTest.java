package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.SessionRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeerId;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, restarts and partitions of a three-replica group, and what survives them. */
class RaftFaultTest {

  private static final Duration WAIT = RaftTestCluster.WAIT;
  private static final SessionOptions OPTIONS = SessionOptions.withTtl(Duration.ZERO);

  /** Small enough that a few dozen writes take snapshots and purge closed log segments. */
  private static final long SNAPSHOT_THRESHOLD = 10;

  private static final long LOG_SEGMENT_SIZE = 1024;

  /**
   * Long enough for a majority's call to outlast its first attempt, sent to the cut-off leader
   * (which goes unanswered for the attempt timeout, 3 s), and then find the new leader.
   */
  private static final Duration PARTITIONED_REQUEST_TIMEOUT = Duration.ofSeconds(6);

  @TempDir Path root;
  private RaftTestCluster cluster;

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private void startCluster() {
    cluster =
        RaftTestCluster.start(
            root, 3, config -> config.withSnapshots(SNAPSHOT_THRESHOLD, LOG_SEGMENT_SIZE));
  }

  /** A replica swapping in a snapshot is briefly unreadable. */
  private static ConditionFactory awaitReplica() {
    return await().atMost(WAIT).ignoreException(StoreException.Unavailable.class);
  }

  private String aFollower(String leader) {
    return cluster.peerIds().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
  }

  @Test
  void aGroupRestartedFromDiskHasEveryAcknowledgedSession() {
    startCluster();
    SessionStore store = cluster.store("n0");
    List<String> ids = IntStream.range(0, 25).mapToObj("s%02d"::formatted).toList();
    ids.forEach(id -> store.create(id, OPTIONS));
    store.delete("s00");
    List<SessionRecord> before = cluster.replicaSessions(cluster.awaitLeader());

    cluster.restartAll();

    assertThat(cluster.snapshotIndex("n0")).as("recovered through a snapshot").isPositive();
    assertThat(cluster.store("n1").list("", 100).sessions())
        .extracting(session -> session.id())
        .containsExactlyElementsOf(ids.subList(1, ids.size()));
    for (String peer : cluster.peerIds()) {
      awaitReplica().until(() -> cluster.replicaSessions(peer).equals(before));
    }
  }

  @Test
  void killingTheLeaderUnderWriteLoadLosesNoAcknowledgedWrite() throws Exception {
    startCluster();
    String leader = cluster.awaitLeader();
    String writerPeer = aFollower(leader);
    SessionStore writerStore = cluster.store(writerPeer);
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      for (int w = 0; w < 2; w++) {
        String prefix = "w" + w + "-";
        writers.submit(() -> writeUntilStopped(writerStore, prefix, writing, acknowledged));
      }
      await().atMost(WAIT).until(() -> acknowledged.size() >= 20);

      cluster.stopPeer(leader);
      int atKill = acknowledged.size();

      String newLeader = cluster.awaitLeader();
      assertThat(newLeader).isNotEqualTo(leader);
      await().atMost(WAIT).until(() -> acknowledged.size() >= atKill + 20);
    } finally {
      writing.set(false);
      writers.shutdown();
      assertThat(writers.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    for (String id : acknowledged) {
      assertThat(writerStore.exists(id)).as(id).isTrue();
    }
  }

  /** Creates sessions until told to stop; a create that fails was not acknowledged. */
  private static void writeUntilStopped(
      SessionStore store, String prefix, AtomicBoolean writing, Set<String> acknowledged) {
    for (int i = 0; writing.get(); i++) {
      String id = prefix + i;
      try {
        store.create(id, OPTIONS);
        acknowledged.add(id);
      } catch (StoreException.Unavailable notAcknowledged) {
        // The leader died with the call in flight; only acknowledged writes must survive.
      }
    }
  }

  @Test
  void aFollowerThatMissedAPurgedLogCatchesUpFromASnapshot() {
    startCluster();
    String leader = cluster.awaitLeader();
    String follower = aFollower(leader);
    SessionStore leaderStore = cluster.store(leader);
    leaderStore.create("before", OPTIONS);
    await()
        .atMost(WAIT)
        .until(() -> cluster.appliedIndex(follower) >= cluster.appliedIndex(leader));
    long followerApplied = cluster.appliedIndex(follower);
    cluster.stopPeer(follower);

    IntStream.range(0, 30).forEach(i -> leaderStore.create("missed-" + i, OPTIONS));
    await().atMost(WAIT).until(() -> cluster.logStartIndex(leader) > followerApplied + 1);

    cluster.startPeer(follower);

    awaitReplica()
        .until(() -> cluster.replicaSessions(follower).equals(cluster.replicaSessions(leader)));
    assertThat(cluster.snapshotIndex(follower))
        .as("the follower installed a snapshot past what it had")
        .isGreaterThan(followerApplied);
    assertThat(cluster.replicaSessions(follower)).hasSize(31);
  }

  /**
   * Behind a partition the cut-off leader's node reaches nobody: not through Ratis's votes and
   * appends, nor through its Raft client, its term probes or its forwarded reads. Its calls fail
   * within the request timeout, while the majority's calls succeed.
   */
  @Test
  void aCutOffLeaderAnswersNoReadAndNoWriteWhileTheMajorityAnswersBoth() {
    cluster =
        RaftTestCluster.start(
            root,
            3,
            config ->
                config
                    .withSnapshots(SNAPSHOT_THRESHOLD, LOG_SEGMENT_SIZE)
                    .withRequestTimeout(PARTITIONED_REQUEST_TIMEOUT));
    String leader = cluster.awaitLeader();
    List<String> majority = cluster.peerIds().stream().filter(id -> !id.equals(leader)).toList();
    cluster.store(majority.get(0)).create("before", OPTIONS);

    try (NetworkPartition partition = NetworkPartition.install()) {
      partition.isolate(leader);

      cluster.store(majority.get(0)).create("majority", OPTIONS);
      assertThat(cluster.store(majority.get(1)).exists("majority")).isTrue();
      assertThatThrownBy(() -> cluster.store(leader).create("minority", OPTIONS))
          .isInstanceOf(StoreException.Unavailable.class);
      assertThatThrownBy(() -> cluster.store(leader).exists("before"))
          .isInstanceOf(StoreException.Unavailable.class);
    }

    for (String peer : cluster.peerIds()) {
      awaitReplica()
          .until(
              () -> cluster.replicaSessions(peer).equals(cluster.replicaSessions(majority.get(0))));
    }
    assertThat(cluster.replicaSessions(leader))
        .extracting(SessionRecord::getId)
        .containsExactly("before", "majority");
  }

  /**
   * A node's Raft client knows the leader only from its last answer; once the node's replica
   * follows the majority's new leader, the node's writes go there without an attempt at the cut-off
   * one (which would go unanswered for the attempt timeout).
   */
  @Test
  void aMajorityNodeWritesToTheLeaderItsReplicaFollowsNotToTheCutOffOne() {
    startCluster();
    String leader = cluster.awaitLeader();
    String node = aFollower(leader);
    cluster.store(node).create("before", OPTIONS);

    try (NetworkPartition partition = NetworkPartition.install()) {
      partition.isolate(leader);
      await()
          .atMost(WAIT)
          .until(
              () -> cluster.leaderKnownBy(node).filter(known -> !known.equals(leader)).isPresent());

      cluster.store(node).create("after", OPTIONS);

      assertThat(partition.clientRequestsDropped(node, leader)).isZero();
    }
  }

  /**
   * Ratis's ReadIndex let a cut-off leader answer reads from what it had until it stepped down, at
   * least the maximum election timeout after it last heard from its majority; the majority can
   * elect another leader and acknowledge writes well before that.
   */
  @Test
  void aLeaderCutOffFromItsMajorityAnswersNoReadFromWhatItHad() {
    // The majority elects a leader within its random election timeout, and the cut-off leader steps
    // down after the maximum: one far above the minimum makes it hold on well past that election.
    // The read before the cut is what let Ratis skip the heartbeat round of the read after it. Its
    // node reaches nobody across the cut, so the only right answer is none: not the stale "absent".
    cluster =
        RaftTestCluster.start(
            root,
            3,
            config ->
                config
                    .withElectionTimeouts(
                        RaftTestCluster.ELECTION_TIMEOUT_MIN,
                        RaftTestCluster.ELECTION_TIMEOUT_MIN.multipliedBy(20))
                    .withRequestTimeout(PARTITIONED_REQUEST_TIMEOUT));
    String leader = cluster.awaitLeader();
    cluster.store(leader).create("before-the-cut", OPTIONS);
    assertThat(cluster.store(leader).exists("before-the-cut")).isTrue();

    try (NetworkPartition partition = NetworkPartition.install()) {
      partition.isolate(leader);
      String newLeader =
          await()
              .pollInterval(Duration.ofMillis(10))
              .atMost(WAIT)
              .until(
                  () -> cluster.peerIds().stream().filter(cluster::isLeader).toList(),
                  leaders -> leaders.stream().anyMatch(peer -> !peer.equals(leader)))
              .stream()
              .filter(peer -> !peer.equals(leader))
              .findFirst()
              .orElseThrow();
      await()
          .pollInterval(Duration.ofMillis(10))
          .atMost(WAIT)
          .until(() -> proposeDirectly(newLeader, "after-the-cut").join().isSuccess());

      assertThatThrownBy(() -> cluster.store(leader).exists("after-the-cut"))
          .as("a read through the cut-off leader's node, after the majority acknowledged the write")
          .isInstanceOf(StoreException.Unavailable.class);
    }
  }

  /**
   * A leader's log appender can stay stuck on a replica that lost its disk (it keeps offering the
   * index after the one it believes the replica has: RATIS-2523); the next leader starts afresh.
   */
  @Test
  void aReplicaRestartedWithAnEmptiedDiskCatchesUpOnceLeadershipMovesToAnotherMember()
      throws IOException {
    startCluster();
    String leader = cluster.awaitLeader();
    List<String> followers = cluster.peerIds().stream().filter(id -> !id.equals(leader)).toList();
    String emptied = followers.get(0);
    String heir = followers.get(1);
    IntStream.range(0, 5).forEach(i -> cluster.store(leader).create("before-" + i, OPTIONS));
    cluster.stopPeer(emptied);
    cluster.wipePeer(emptied);
    IntStream.range(0, 5).forEach(i -> cluster.store(leader).create("missed-" + i, OPTIONS));
    cluster.startPeer(emptied);

    cluster.store(emptied).membership().orElseThrow().transferLeadership(heir);

    assertThat(cluster.currentLeader()).contains(heir);
    awaitReplica()
        .until(() -> cluster.replicaSessions(emptied).equals(cluster.replicaSessions(heir)));
    assertThat(cluster.replicaSessions(emptied)).hasSize(10);
  }

  @Test
  void leadershipGoesOnlyToAMember() {
    startCluster();
    String leader = cluster.awaitLeader();

    assertThatThrownBy(
            () -> cluster.store(leader).membership().orElseThrow().transferLeadership("stranger"))
        .isInstanceOf(StoreException.NotFound.class)
        .hasMessageContaining("stranger is not a member");
    assertThat(cluster.currentLeader()).contains(leader);
  }

  /** A write sent to one replica only, as a client on its side of a partition would. */
  private CompletableFuture<RaftClientReply> proposeDirectly(String peerId, String sessionId) {
    Command create =
        Command.newBuilder()
            .setNowMillis(System.currentTimeMillis())
            .setCreateSession(CreateSession.newBuilder().setSessionId(sessionId))
            .build();
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(ClientId.randomId())
            .setServerId(RaftPeerId.valueOf(peerId))
            .setGroupId(RaftSetup.GROUP_ID)
            .setCallId(1)
            .setMessage(Messages.of(create))
            .setType(RaftClientRequest.writeRequestType())
            .build();
    try {
      return cluster.store(peerId).server().submitClientRequestAsync(request);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static boolean succeeded(CompletableFuture<RaftClientReply> write) {
    return write.isDone() && !write.isCompletedExceptionally() && write.join().isSuccess();
  }
}
