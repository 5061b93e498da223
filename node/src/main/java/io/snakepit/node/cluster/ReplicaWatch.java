package io.snakepit.node.cluster;

import io.snakepit.router.Member;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.StoreStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the leader's node, hands the leadership on when a follower whose node answers has stopped
 * catching up. Ratis 3.3.0's log appender can stay stuck on one follower for good: one that came up
 * after the leader had failed to reach it for a while, or one restarted with an emptied disk, which
 * the leader keeps offering an index after one it does not have (RATIS-2523). Nothing in the group
 * notices, and the group can no longer lose another member: a replica with an empty log gets no say
 * in an election. A new leader starts its appenders afresh, so moving the leadership to a caught-up
 * member is the cure.
 */
public final class ReplicaWatch {

  private static final Logger log = LoggerFactory.getLogger(ReplicaWatch.class);

  /**
   * Longest election timeouts a follower may stay behind the same mark before it counts as stuck:
   * far above what a follower under load needs, and still well before anyone would act by hand.
   */
  private static final int PATIENCE_ELECTION_TIMEOUTS = 10;

  private final SessionStore store;
  private final SessionStore.Membership membership;
  private final Supplier<List<Member>> nodes;
  private final StuckReplicas stuck;
  private final Clock clock;

  public ReplicaWatch(
      SessionStore store,
      SessionStore.Membership membership,
      Supplier<List<Member>> nodes,
      Duration electionTimeoutMax,
      Clock clock) {
    this.store = store;
    this.membership = membership;
    this.nodes = nodes;
    this.stuck = new StuckReplicas(electionTimeoutMax.multipliedBy(PATIENCE_ELECTION_TIMEOUTS));
    this.clock = clock;
  }

  /** One look at the group; hands the leadership on when a live follower is stuck. */
  public void check() {
    StoreStatus status;
    try {
      status = store.status();
    } catch (StoreException e) {
      return;
    }
    Set<String> liveNodes =
        nodes.get().stream().filter(Member::live).map(Member::id).collect(Collectors.toSet());
    Set<String> stuckFollowers = stuck.observe(status, clock.instant());
    // A follower the leader hears from, or whose node answers, is up: it is the replication
    // towards it that stopped.
    Optional<StoreStatus.Member> stuckAndUp =
        status.members().stream()
            .filter(member -> stuckFollowers.contains(member.id()))
            .filter(member -> member.healthy() || liveNodes.contains(member.id()))
            .findFirst();
    stuckAndUp.ifPresent(member -> handOver(status, member, stuckFollowers));
  }

  private void handOver(StoreStatus status, StoreStatus.Member stuckMember, Set<String> stuck) {
    Optional<StoreStatus.Member> heir =
        status.members().stream()
            .filter(member -> !member.id().equals(status.self()))
            .filter(member -> !stuck.contains(member.id()))
            .filter(StoreStatus.Member::healthy)
            .max(Comparator.comparingLong(member -> member.commitIndex().orElse(-1)));
    if (heir.isEmpty()) {
      log.warn(
          "replica {} has stopped catching up though it is up, and no other member can take over"
              + " the leadership to restart the replication",
          stuckMember.id());
      return;
    }
    log.warn(
        "replica {} has stopped catching up (at commit index {}, the group at {}) though it is up;"
            + " handing the leadership to {} so that replication to it starts afresh",
        stuckMember.id(),
        stuckMember.commitIndex().orElse(-1),
        status.commitIndex(),
        heir.get().id());
    try {
      membership.transferLeadership(heir.get().id());
    } catch (StoreException e) {
      // The next check sees whether the follower is still stuck and tries again.
      log.warn("handing the leadership to {} failed: {}", heir.get().id(), e.getMessage());
    }
  }
}
