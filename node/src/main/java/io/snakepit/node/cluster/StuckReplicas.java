package io.snakepit.node.cluster;

import io.snakepit.store.StoreStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells, from the leader's successive views of the session group, which followers stopped catching
 * up: a follower is stuck when, for longer than the patience, it has not reached the commit index
 * the leader had when it first saw the follower behind. A follower that keeps up under load passes
 * each such mark long before; one that is down is stuck too, which is why the caller also asks
 * whether it answers.
 */
final class StuckReplicas {

  /** When a follower was first seen behind, and how far the leader had committed then. */
  private record Lag(Instant since, long leaderCommit) {}

  private final Duration patience;
  private final Map<String, Lag> lagging = new HashMap<>();

  StuckReplicas(Duration patience) {
    this.patience = patience;
  }

  /**
   * Takes in the group as this node sees it now and returns the followers stuck for longer than the
   * patience, in id order; none when this node does not lead (it cannot see its followers).
   */
  Set<String> observe(StoreStatus status, Instant now) {
    if (!status.leader().equals(Optional.of(status.self()))) {
      lagging.clear();
      return Set.of();
    }
    Set<String> stuck = new TreeSet<>();
    Set<String> followers = new TreeSet<>();
    for (StoreStatus.Member member : status.members()) {
      if (member.id().equals(status.self())) {
        continue;
      }
      followers.add(member.id());
      long commit = member.commitIndex().orElse(-1);
      Lag lag = lagging.get(member.id());
      if (commit >= status.commitIndex()) {
        lagging.remove(member.id());
      } else if (lag == null || commit >= lag.leaderCommit()) {
        // Behind, but past the last mark (or never marked): it moves; mark where the leader is now.
        lagging.put(member.id(), new Lag(now, status.commitIndex()));
      } else if (!now.isBefore(lag.since().plus(patience))) {
        stuck.add(member.id());
      }
    }
    lagging.keySet().retainAll(followers);
    return stuck;
  }
}
