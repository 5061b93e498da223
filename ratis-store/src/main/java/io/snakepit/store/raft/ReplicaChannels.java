package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * One {@link ReplicaChannel} per other replica of the group, kept while the replica keeps its
 * address; shared by the leader's term probes and the reads a follower's node sends on.
 */
final class ReplicaChannels implements AutoCloseable {

  private final RaftPeerId self;
  private final ReplicaNetwork network;
  private final Map<RaftPeerId, ReplicaChannel> channels = new HashMap<>();
  private boolean closed;

  /**
   * @param self the replica the channels leave from
   * @param network how the channels reach the other replicas
   */
  ReplicaChannels(RaftPeerId self, ReplicaNetwork network) {
    this.self = self;
    this.network = network;
  }

  /**
   * @throws StoreException.Unavailable once closed
   */
  synchronized ReplicaChannel to(RaftPeer replica) {
    if (closed) {
      throw new StoreException.Unavailable("the session store is closed", null);
    }
    ReplicaChannel known = channels.get(replica.getId());
    if (known != null && known.replica().getAddress().equals(replica.getAddress())) {
      return known;
    }
    if (known != null) {
      known.close();
    }
    ReplicaChannel channel = new ReplicaChannel(self, replica, network);
    channels.put(replica.getId(), channel);
    return channel;
  }

  @Override
  public synchronized void close() {
    closed = true;
    channels.values().forEach(ReplicaChannel::close);
    channels.clear();
  }
}
