package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CreateSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real group, from a follower's node: which replica a call goes to, over a transport whose
 * calls are recorded and never answered, as a cut-off leader's are.
 */
class LeaderFollowingClientRpcTest {

  @TempDir Path root;
  private RaftTestCluster cluster;
  private String leader;
  private String follower;
  private String otherFollower;
  private final Unanswering transport = new Unanswering();
  private final LeaderWatch leaders = new LeaderWatch(System::nanoTime);
  private LeaderFollowingClientRpc rpc;

  @BeforeEach
  void startGroup() {
    cluster = RaftTestCluster.start(root, 3, config -> config);
    leader = cluster.awaitLeader();
    List<String> followers = cluster.peerIds().stream().filter(id -> !id.equals(leader)).toList();
    follower = followers.get(0);
    otherFollower = followers.get(1);
    // A follower knows its leader from the leader's first append.
    await()
        .atMost(RaftTestCluster.WAIT)
        .until(() -> cluster.leaderKnownBy(follower).equals(Optional.of(leader)));
    rpc =
        new LeaderFollowingClientRpc(
            transport, cluster.store(follower).server(), leaders, Duration.ofSeconds(10));
  }

  @AfterEach
  void stopGroup() throws IOException {
    rpc.close();
    cluster.close();
  }

  @Test
  void aWriteForAnotherReplicaThanTheLeaderTheNodeFollowsIsSentToThatLeader() throws IOException {
    RaftClientReply reply = rpc.sendRequest(write(otherFollower));

    assertThat(reply.getNotLeaderException().getSuggestedLeader().getId().toString())
        .isEqualTo(leader);
    assertThat(transport.sent).isEmpty();
  }

  @Test
  void aWriteWaitingOnTheLeaderGoesOnOnceTheNodesReplicaRecognisesAnother() throws Exception {
    CompletableFuture<RaftClientReply> reply =
        CompletableFuture.supplyAsync(() -> sendUnchecked(write(leader)));
    await().atMost(RaftTestCluster.WAIT).until(() -> transport.sent.size() == 1);
    assertThat(reply).isNotDone();

    leaders.recognised(RaftPeerId.valueOf(otherFollower));

    assertThat(
            reply
                .get(RaftTestCluster.WAIT.toSeconds(), TimeUnit.SECONDS)
                .getNotLeaderException()
                .getSuggestedLeader()
                .getId()
                .toString())
        .isEqualTo(otherFollower);
  }

  /**
   * Ratis announces a leader before it notes that it heard from it: a call made in between must not
   * go to the replica the Raft client last knew.
   */
  @Test
  void aLeaderJustRecognisedIsFollowedBeforeTheReplicaNotesHearingFromIt() throws IOException {
    LeaderWatch stoppedClock = new LeaderWatch(() -> 0L);
    // A window no follower's record of its leader's last call is ever within.
    try (LeaderFollowingClientRpc recordsNeverVouch =
        new LeaderFollowingClientRpc(
            transport, cluster.store(follower).server(), stoppedClock, Duration.ofNanos(1))) {
      RaftClientRequest before = request(otherFollower, RaftClientRequest.readRequestType());
      recordsNeverVouch.sendRequest(before);
      assertThat(transport.sent).containsExactly(before);

      stoppedClock.recognised(RaftPeerId.valueOf(leader));
      RaftClientReply reply =
          recordsNeverVouch.sendRequest(
              request(otherFollower, RaftClientRequest.readRequestType()));

      assertThat(reply.getNotLeaderException().getSuggestedLeader().getId().toString())
          .isEqualTo(leader);
      assertThat(transport.sent).containsExactly(before);
    }
  }

  @Test
  void aReadAddressedToOneReplicaOnPurposeGoesThere() throws IOException {
    RaftClientRequest staleRead = request(otherFollower, RaftClientRequest.staleReadRequestType(0));

    rpc.sendRequest(staleRead);

    assertThat(transport.sent).containsExactly(staleRead);
  }

  private RaftClientReply sendUnchecked(RaftClientRequest request) {
    try {
      return rpc.sendRequest(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RaftClientRequest write(String target) {
    return request(target, RaftClientRequest.writeRequestType());
  }

  private static RaftClientRequest request(String target, RaftClientRequest.Type type) {
    Command create =
        Command.newBuilder()
            .setCreateSession(CreateSession.newBuilder().setSessionId("s1"))
            .build();
    return RaftClientRequest.newBuilder()
        .setClientId(ClientId.randomId())
        .setServerId(RaftPeerId.valueOf(target))
        .setGroupId(RaftSetup.GROUP_ID)
        .setCallId(1)
        .setMessage(Messages.of(create))
        .setType(type)
        .build();
  }

  /**
   * Records what it is asked to send. Writes are never answered (until the test ends); other calls
   * are answered at once.
   */
  private static final class Unanswering implements RaftClientRpc {
    private final List<RaftClientRequest> sent = new CopyOnWriteArrayList<>();
    private final CountDownLatch testOver = new CountDownLatch(1);

    @Override
    public RaftClientReply sendRequest(RaftClientRequest request) throws IOException {
      sent.add(request);
      if (request.is(TypeCase.WRITE)) {
        try {
          testOver.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("never answered");
      }
      return RaftClientReply.newBuilder().setRequest(request).setSuccess().build();
    }

    @Override
    public void addRaftPeers(Collection<RaftPeer> peers) {}

    @Override
    public void close() {
      testOver.countDown();
    }
  }
}
