package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.StoreFutures;
import io.snakepit.store.v1.ForwardedRead;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * Linearizable reads as this node's replica sees fit to send them, before the Raft client's way to
 * the leader (a loopback or network gRPC round trip, then the leader's confirmation round):
 *
 * <ul>
 *   <li>while the replica leads, handed to it in-process, without the loopback round trip;
 *   <li>while it follows, sent on to the leader it knows with its own term ({@link
 *       ReplicaService#READ}), which in a group of three confirms the leader without a round.
 * </ul>
 *
 * <p>A follower's replica could answer itself (asking the leader for its commit index, then waiting
 * until it applied that far), but it learns of commits only with the leader's next append, up to
 * half an election timeout after a write.
 */
final class LocalReads {

  private final RaftServer server;
  private final RaftPeerId self;
  private final ReplicaChannels replicas;
  private final LeaderWatch leaders;
  private final boolean forwardsToLeader;
  private final Duration attemptTimeout;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  /**
   * @param leaders ends the wait for a leader's answer when this replica recognises another
   * @param forwardsToLeader whether a follower sends reads on to the leader itself; not with lease
   *     reads, which Ratis answers
   */
  LocalReads(
      RaftServer server,
      ReplicaChannels replicas,
      LeaderWatch leaders,
      boolean forwardsToLeader,
      Duration attemptTimeout) {
    this.server = server;
    this.self = server.getId();
    this.replicas = replicas;
    this.leaders = leaders;
    this.forwardsToLeader = forwardsToLeader;
    this.attemptTimeout = attemptTimeout;
  }

  /**
   * The reply as the leader's state machine gave it, or empty when this replica knows no leader or
   * no answer came within the attempt timeout (the leader changed, or lost its majority). A read
   * changes nothing, so the caller can always send it through the Raft client instead.
   */
  Optional<Reply> read(Query query) throws InterruptedException {
    Optional<CompletableFuture<Reply>> pending;
    try {
      pending = send(server.getDivision(RaftSetup.GROUP_ID), query);
    } catch (IOException | StoreException.Unavailable notServing) {
      return Optional.empty();
    }
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(pending.get().get(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      pending.get().cancel(true);
      return Optional.empty();
    }
  }

  private Optional<CompletableFuture<Reply>> send(RaftServer.Division replica, Query query)
      throws IOException {
    DivisionInfo info = replica.getInfo();
    if (info.isLeader()) {
      return Optional.of(
          server.submitClientRequestAsync(request(query)).thenApply(Messages::reply));
    }
    RaftPeer leader = replica.getRaftConf().getPeer(info.getLeaderId());
    if (!forwardsToLeader || leader == null) {
      return Optional.empty();
    }
    // Taken after the read arrived, as the leader's confirmation requires.
    long term = info.getCurrentTerm();
    ForwardedRead read =
        ForwardedRead.newBuilder()
            .setAsker(self.toString())
            .setAskerTerm(term)
            .setQuery(query)
            .build();
    CompletableFuture<Reply> answer = new CompletableFuture<>();
    LeaderWatch.Waiting waiting =
        leaders.whileWaitingOn(
            leader.getId(),
            successor ->
                answer.completeExceptionally(
                    new StoreException.Unavailable(
                        "the leader changed from " + leader.getId() + " to " + successor, null)));
    answer.whenComplete((reply, failure) -> waiting.close());
    StoreFutures.relay(replicas.to(leader).read(read, attemptTimeout), answer);
    return Optional.of(answer);
  }

  private RaftClientRequest request(Query query) {
    return RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(self)
        .setGroupId(RaftSetup.GROUP_ID)
        .setCallId(callIds.incrementAndGet())
        .setMessage(Messages.of(query))
        .setType(RaftClientRequest.readRequestType())
        .build();
  }
}
