package io.snakepit.node.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The session store.
 *
 * @param type embedded (this node alone) or raft ({@code store.type})
 * @param raftPeers every member of the Raft group, id to {@code host:port} of its Raft endpoint, in
 *     the order given ({@code store.raft.peers}); empty for an embedded store, and when the peers
 *     are found in DNS
 * @param peersDns where the peers are found in DNS instead ({@code store.raft.peers-dns}); exactly
 *     one of it and {@code raftPeers} is set for a Raft store
 * @param raftId this node's member id ({@code store.raft.id}, default {@code node.id})
 * @param raftJoin this node waits outside the group until a member adds it ({@code
 *     store.raft.join}); the peers are then the group's members and this node
 * @param electionTimeout the shortest time a follower waits for its leader before it starts an
 *     election; the longest is half as long again ({@code store.raft.election-timeout})
 * @param leaseReads serve reads from the leader's lease instead of confirming its leadership first
 *     ({@code store.raft.lease-reads})
 * @param requestTimeout how long a call waits for the group before it fails ({@code
 *     store.raft.request-timeout})
 */
public record StoreConfig(
    StoreType type,
    Map<String, String> raftPeers,
    Optional<PeersDns> peersDns,
    String raftId,
    boolean raftJoin,
    Duration electionTimeout,
    boolean leaseReads,
    Duration requestTimeout) {

  public StoreConfig {
    // In the order given, as the log shows them.
    raftPeers = Collections.unmodifiableMap(new LinkedHashMap<>(raftPeers));
    if (type == StoreType.RAFT) {
      checkPeers(raftPeers, peersDns, raftId, raftJoin);
    }
  }

  private static void checkPeers(
      Map<String, String> raftPeers, Optional<PeersDns> peersDns, String raftId, boolean raftJoin) {
    if (raftPeers.isEmpty() && peersDns.isEmpty()) {
      throw new IllegalArgumentException(
          "store.type raft needs store.raft.peers: every member of the group as"
              + " id=host:port, comma-separated, this node included; or store.raft.peers-dns:"
              + " a DNS name whose SRV records list them");
    }
    if (!raftPeers.isEmpty() && peersDns.isPresent()) {
      throw new IllegalArgumentException(
          "store.raft.peers and store.raft.peers-dns are both set; set one: a static list of"
              + " the peers, or the DNS name that lists them");
    }
    if (peersDns.isPresent()) {
      return;
    }
    if (!raftPeers.containsKey(raftId)) {
      throw new IllegalArgumentException(
          "store.raft.id (default: node.id) is '"
              + raftId
              + "', which is not one of the ids in store.raft.peers "
              + raftPeers.keySet());
    }
    if (raftJoin && raftPeers.size() < 2) {
      throw new IllegalArgumentException(
          "store.raft.join needs store.raft.peers to name at least one member of the group to"
              + " join besides this node");
    }
  }

  /** The same store with the peers found in DNS, which then become its static peers. */
  public StoreConfig withPeers(Map<String, String> peers) {
    return new StoreConfig(
        type,
        peers,
        Optional.empty(),
        raftId,
        raftJoin,
        electionTimeout,
        leaseReads,
        requestTimeout);
  }

  /**
   * The longest time a follower waits for its leader before it starts an election. Ratis's follower
   * sleeps a random time between the two and only then looks how long its leader has been silent,
   * so it notices a lost leader between the shortest and twice the longest after the leader's last
   * message. A narrower spread notices sooner, but the candidates' rounds then keep step, and Ratis
   * 3.3.0 lets a stale candidate's granted pre-votes renew the voter's lease of the old leader: in
   * a 2 | 3 split with the leader on the 2 side, the 3 elected nobody for seconds. In 5-node chaos
   * runs (register, seeds 7 and 8, 60 s), the first write after a leader's isolation came at the
   * median after 2.16 s with twice the shortest and 1.56 s with half as long again; a quarter more
   * left three 2 | 3 splits of seed 7 without a write for 6 to 8 s (chaos/RESULTS.md).
   */
  public Duration electionTimeoutMax() {
    return electionTimeout.multipliedBy(3).dividedBy(2);
  }
}
