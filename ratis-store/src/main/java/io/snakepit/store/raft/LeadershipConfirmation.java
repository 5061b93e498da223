package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

/**
 * Linearizable reads, confirmed by the leader itself rather than by Ratis's ReadIndex. Ratis 3.3.0
 * skips the heartbeat round of a read whose index a majority already acknowledged, so a leader cut
 * off from its majority answered reads from what it had until it stepped down (the maximum election
 * timeout or more later), while the majority had elected another leader and acknowledged writes.
 * Here every read waits for a {@link ConfirmationRound} that started after it arrived.
 *
 * <p>One round is out at a time: reads that arrive meanwhile wait for the next, which starts as it
 * ends, so one round answers for every read that came during the one before.
 */
final class LeadershipConfirmation implements ReadConfirmation {

  private final ReplicaChannels replicas;
  private final Duration deadline;

  /** The reads that wait for the next round; null when there are none. */
  private CompletableFuture<Void> waiting;

  private boolean roundOut;

  /**
   * @param deadline how long a round waits for a majority before its reads fail
   */
  LeadershipConfirmation(ReplicaChannels replicas, Duration deadline) {
    this.replicas = replicas;
    this.deadline = deadline;
  }

  @Override
  public CompletableFuture<Void> confirm(RaftServer.Division replica) {
    CompletableFuture<Void> reads;
    boolean startsRound;
    synchronized (this) {
      if (waiting == null) {
        waiting = new CompletableFuture<>();
      }
      reads = waiting;
      startsRound = !roundOut;
      if (startsRound) {
        roundOut = true;
        waiting = null;
      }
    }
    if (startsRound) {
      runRound(replica, reads);
    }
    return reads;
  }

  private void runRound(RaftServer.Division replica, CompletableFuture<Void> reads) {
    CompletableFuture<Void> round;
    try {
      round = startRound(replica);
    } catch (RuntimeException e) {
      // The round must still end, or no other would start.
      round = CompletableFuture.failedFuture(e);
    }
    round.whenComplete(
        (confirmed, failure) -> {
          startNextRound(replica);
          if (failure == null) {
            reads.complete(null);
          } else {
            reads.completeExceptionally(explained(failure));
          }
        });
  }

  private void startNextRound(RaftServer.Division replica) {
    CompletableFuture<Void> next;
    synchronized (this) {
      next = waiting;
      waiting = null;
      roundOut = next != null;
    }
    if (next != null) {
      runRound(replica, next);
    }
  }

  /**
   * The asker's term counts like a probe's answer: it was taken after the read arrived. In a group
   * of three the asker and the leader are a majority, so no round is needed.
   */
  @Override
  public CompletableFuture<Void> confirmForwarded(
      RaftServer.Division replica, RaftPeerId asker, long askerTerm) {
    ConfirmationRound round;
    try {
      round = newRound(replica, replica.getRaftConf());
    } catch (StoreException.Unavailable notLeader) {
      return CompletableFuture.failedFuture(notLeader);
    }
    round.answered(asker, askerTerm);
    return round.outcome().isDone() ? round.outcome() : confirm(replica);
  }

  private CompletableFuture<Void> startRound(RaftServer.Division replica) {
    RaftConfiguration configuration = replica.getRaftConf();
    ConfirmationRound round = newRound(replica, configuration);
    // Answers that come after the round ended change nothing; each probe ends by its deadline.
    for (RaftPeer peer : othersIn(configuration, replica.getId())) {
      replicas
          .to(peer)
          .currentTerm(deadline)
          .thenAccept(peerTerm -> round.answered(peer.getId(), peerTerm));
    }
    return round.outcome().orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A round at the replica's term, in which the replica counts. */
  private static ConfirmationRound newRound(
      RaftServer.Division replica, RaftConfiguration configuration) {
    DivisionInfo info = replica.getInfo();
    long term = info.getCurrentTerm();
    if (!info.isLeader()) {
      throw new StoreException.Unavailable(
          "the replica " + replica.getId() + " does not lead the session group", null);
    }
    return new ConfirmationRound(
        term,
        replica.getId(),
        List.of(ids(configuration.getCurrentPeers()), ids(configuration.getPreviousPeers())));
  }

  private static Set<RaftPeerId> ids(Collection<RaftPeer> peers) {
    return peers.stream().map(RaftPeer::getId).collect(Collectors.toSet());
  }

  private static Collection<RaftPeer> othersIn(RaftConfiguration configuration, RaftPeerId self) {
    Map<RaftPeerId, RaftPeer> voters = new LinkedHashMap<>();
    Stream.concat(
            configuration.getCurrentPeers().stream(), configuration.getPreviousPeers().stream())
        .filter(peer -> !peer.getId().equals(self))
        .forEach(peer -> voters.putIfAbsent(peer.getId(), peer));
    return voters.values();
  }

  private Throwable explained(Throwable failure) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return new StoreException.Unavailable(
          "the leader could not confirm within "
              + deadline.toMillis()
              + " ms that a majority of the session group still follows it",
          cause);
    }
    return cause;
  }
}
