package io.snakepit.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a session store's replicas are doing, as one node sees them: what {@code snakepit cluster
 * status} shows. The indexes are the answering node's own; each member's progress is the leader's
 * view of it when the leader answered, and unknown otherwise.
 *
 * @param type {@code embedded} or {@code raft}
 * @param self the answering node's member id
 * @param leader the leader's member id; empty while there is none (an election, or no majority)
 * @param term the Raft term the answering node is in (0 for the embedded store)
 * @param commitIndex the last log index the answering node knows is committed
 * @param appliedIndex the last log index applied to the answering node's database
 * @param snapshotIndex the log index of the answering node's newest snapshot (0 without one)
 */
public record StoreStatus(
    String type,
    String self,
    Optional<String> leader,
    long term,
    long commitIndex,
    long appliedIndex,
    long snapshotIndex,
    List<Member> members) {

  public StoreStatus {
    members = List.copyOf(members);
  }

  public enum Role {
    LEADER,
    FOLLOWER,
    CANDIDATE,
    LISTENER,
    /** Not known: no leader answered for the group. */
    UNKNOWN
  }

  /**
   * One replica of the group.
   *
   * @param healthy the leader heard from it within an election timeout (the leader itself is
   *     healthy); false when no leader answered
   * @param commitIndex the highest commit index it reported to the leader
   * @param sinceLastContact how long ago the leader last heard from it (empty for the leader)
   */
  public record Member(
      String id,
      String address,
      Role role,
      boolean healthy,
      OptionalLong commitIndex,
      Optional<Duration> sinceLastContact) {}
}
