package io.snakepit.node.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The session store.
 *
 * @param type embedded (this node alone) or raft ({@code store.type})
 * @param raftPeers every member of the Raft group, id to {@code host:port} of its Raft endpoint, in
 *     the order given ({@code store.raft.peers}); empty for an embedded store
 * @param raftId this node's member id ({@code store.raft.id}, default {@code node.id})
 * @param raftJoin this node waits outside the group until a member adds it ({@code
 *     store.raft.join}); the peers are then the group's members and this node
 * @param electionTimeout the shortest time a follower waits for its leader before it starts an
 *     election; the longest is twice that ({@code store.raft.election-timeout})
 * @param leaseReads serve reads from the leader's lease instead of a ReadIndex round trip ({@code
 *     store.raft.lease-reads})
 * @param requestTimeout how long a call waits for the group before it fails ({@code
 *     store.raft.request-timeout})
 */
public record StoreConfig(
    StoreType type,
    Map<String, String> raftPeers,
    String raftId,
    boolean raftJoin,
    Duration electionTimeout,
    boolean leaseReads,
    Duration requestTimeout) {

  public StoreConfig {
    // In the order given, as the log shows them.
    raftPeers = Collections.unmodifiableMap(new LinkedHashMap<>(raftPeers));
    if (type == StoreType.RAFT && raftPeers.isEmpty()) {
      throw new IllegalArgumentException(
          "store.type raft needs store.raft.peers: every member of the group as"
              + " id=host:port, comma-separated, this node included");
    }
    if (type == StoreType.RAFT && !raftPeers.containsKey(raftId)) {
      throw new IllegalArgumentException(
          "store.raft.id (default: node.id) is '"
              + raftId
              + "', which is not one of the ids in store.raft.peers "
              + raftPeers.keySet());
    }
    if (type == StoreType.RAFT && raftJoin && raftPeers.size() < 2) {
      throw new IllegalArgumentException(
          "store.raft.join needs store.raft.peers to name at least one member of the group to"
              + " join besides this node");
    }
  }

  /** The longest time a follower waits for its leader before it starts an election. */
  public Duration electionTimeoutMax() {
    return electionTimeout.multipliedBy(2);
  }
}
