package io.snakepit.store.raft;

import io.snakepit.store.common.DaemonThreads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * A Raft client's transport that sends the node's writes and reads to the leader its own replica
 * follows. Ratis's client knows a leader only from the last answer it got: after the leader is cut
 * off, paused or killed, its next calls would wait out an attempt timeout (3 s) on it, then try a
 * replica at random. Here a call is answered "not the leader, try L" (which Ratis's client follows
 * at once, with the same call id) when
 *
 * <ul>
 *   <li>it is for another replica than L, while this node's replica leads or has heard from L (or
 *       recognised it) within the minimum election timeout; or
 *   <li>it waits on another replica when this node's replica recognises L ({@link LeaderWatch}).
 * </ul>
 *
 * Calls addressed to one replica on purpose (stale reads, watches, administration) pass unchanged.
 */
final class LeaderFollowingClientRpc extends ForwardingClientRpc {

  private final RaftServer replica;
  private final LeaderWatch leaders;
  private final Duration heardWithin;

  /** Where blocking attempts run, so that a caller can leave one that waits on a former leader. */
  private final ExecutorService attempts =
      Executors.newCachedThreadPool(DaemonThreads.named("snakepit-raft-attempt"));

  /**
   * @param heardWithin how recently a follower must have heard from its leader to vouch for it
   */
  LeaderFollowingClientRpc(
      RaftClientRpc transport, RaftServer replica, LeaderWatch leaders, Duration heardWithin) {
    super(transport);
    this.replica = replica;
    this.leaders = leaders;
    this.heardWithin = heardWithin;
  }

  @Override
  public RaftClientReply sendRequest(RaftClientRequest request) throws IOException {
    if (!forTheLeader(request)) {
      return transport.sendRequest(request);
    }
    Optional<RaftPeer> elsewhere = leaderOtherThan(request.getServerId());
    if (elsewhere.isPresent()) {
      return notLeader(request, elsewhere.get());
    }
    CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
    try (LeaderWatch.Waiting waiting =
        leaders.whileWaitingOn(
            request.getServerId(),
            leader -> peer(leader).ifPresent(peer -> reply.complete(notLeader(request, peer))))) {
      attempts.execute(() -> send(request, reply));
      return await(reply);
    }
  }

  /**
   * On an attempt thread: the transport's blocking call, one stream each, which the caller may stop
   * waiting for. (Its asynchronous calls share a stream per replica, on which Ratis's blocking
   * client would take a repeated call id for a closed client.)
   */
  private void send(RaftClientRequest request, CompletableFuture<RaftClientReply> reply) {
    try {
      reply.complete(transport.sendRequest(request));
    } catch (IOException | RuntimeException e) {
      reply.completeExceptionally(e);
    }
  }

  @Override
  public void close() throws IOException {
    attempts.shutdownNow();
    super.close();
  }

  /** A plain write or linearizable read, which the leader answers wherever it is. */
  private static boolean forTheLeader(RaftClientRequest request) {
    return request.getClass() == RaftClientRequest.class
        && (request.is(TypeCase.WRITE) || request.is(TypeCase.READ));
  }

  /** The leader this replica vouches for, when it is not {@code target}. */
  private Optional<RaftPeer> leaderOtherThan(RaftPeerId target) {
    return division()
        .flatMap(
            division -> {
              DivisionInfo info = division.getInfo();
              RaftPeerId leader = info.getLeaderId();
              if (leader == null || leader.equals(target) || !vouchesFor(info, leader)) {
                return Optional.empty();
              }
              return Optional.ofNullable(division.getRaftConf().getPeer(leader));
            });
  }

  /**
   * Only on a mismatch: the role's details cost more than the leader's id. A leader just recognised
   * counts as heard from, though Ratis notes the time it heard from it a moment later.
   */
  private boolean vouchesFor(DivisionInfo info, RaftPeerId leader) {
    if (info.isLeader()) {
      return true;
    }
    return info.isFollower()
        && (leaders.recognisedWithin(leader, heardWithin)
            || info.getRoleInfoProto().getFollowerInfo().getLeaderInfo().getLastRpcElapsedTimeMs()
                < heardWithin.toMillis());
  }

  private Optional<RaftPeer> peer(RaftPeerId id) {
    return division().map(division -> division.getRaftConf().getPeer(id));
  }

  private Optional<RaftServer.Division> division() {
    try {
      return Optional.of(replica.getDivision(RaftSetup.GROUP_ID));
    } catch (IOException notInTheGroup) {
      return Optional.empty();
    }
  }

  /** The answer a follower gives, with the group's members so that the client knows them all. */
  private RaftClientReply notLeader(RaftClientRequest request, RaftPeer leader) {
    Collection<RaftPeer> members =
        division().map(division -> division.getRaftConf().getCurrentPeers()).orElse(List.of());
    return RaftClientReply.newBuilder()
        .setRequest(request)
        .setException(
            new NotLeaderException(
                RaftGroupMemberId.valueOf(request.getServerId(), RaftSetup.GROUP_ID),
                leader,
                members))
        .build();
  }

  private static RaftClientReply await(CompletableFuture<RaftClientReply> reply)
      throws IOException {
    try {
      return reply.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the session group");
    } catch (ExecutionException e) {
      Throwable cause =
          e.getCause() instanceof CompletionException wrapped && wrapped.getCause() != null
              ? wrapped.getCause()
              : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause);
    }
  }
}
