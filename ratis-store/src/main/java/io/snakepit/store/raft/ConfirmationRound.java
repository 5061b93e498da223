package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * One round in which a leader learns whether it still leads: it completes once a majority of the
 * voters (of each configuration, while the group changes from one to another) are at the leader's
 * term, and fails as soon as one of them is at a later term.
 *
 * <p>Why that is enough: a replica at term {@code t} has voted in no later term, and a leader of a
 * later term needs the votes of a majority, which shares a replica with the one that answered. So
 * no later leader was elected before the first of those answers, all given after the reads the
 * round answers for arrived; every write acknowledged before then came through this leader and was
 * applied by it.
 */
final class ConfirmationRound {

  private final long term;
  private final List<Set<RaftPeerId>> configurations;
  private final Set<RaftPeerId> atTerm = ConcurrentHashMap.newKeySet();
  private final CompletableFuture<Void> outcome = new CompletableFuture<>();

  /**
   * @param configurations the voters of the current configuration, and of the previous one while
   *     the group changes (empty ones are ignored)
   */
  ConfirmationRound(long term, RaftPeerId leader, List<Set<RaftPeerId>> configurations) {
    this.term = term;
    this.configurations = configurations.stream().filter(voters -> !voters.isEmpty()).toList();
    answered(leader, term);
  }

  /** Completes once a majority is at this round's term; fails when a later term is found. */
  CompletableFuture<Void> outcome() {
    return outcome;
  }

  /** Takes one replica's answer; answers from earlier terms do not count. */
  void answered(RaftPeerId replica, long replicaTerm) {
    if (replicaTerm > term) {
      outcome.completeExceptionally(
          new StoreException.Unavailable(
              "this replica no longer leads the session group: "
                  + replica
                  + " is at term "
                  + replicaTerm
                  + ", after its term "
                  + term,
              null));
      return;
    }
    if (replicaTerm == term) {
      atTerm.add(replica);
      if (configurations.stream().allMatch(this::hasMajority)) {
        outcome.complete(null);
      }
    }
  }

  private boolean hasMajority(Collection<RaftPeerId> voters) {
    return voters.stream().filter(atTerm::contains).count() * 2 > voters.size();
  }
}
