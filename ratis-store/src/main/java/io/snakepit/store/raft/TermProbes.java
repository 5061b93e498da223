package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Asks other replicas of the group for their current term: one {@link ReplicaProbe} per replica,
 * kept while the replica keeps its address, because replicas that joined after this node started
 * are in no client's group.
 */
final class TermProbes implements AutoCloseable {

  private final RaftProperties clientProperties;
  private final Map<RaftPeerId, ReplicaProbe> probes = new HashMap<>();
  private boolean closed;

  /**
   * @param clientProperties how long a probe waits; none is retried, the next round asks again
   */
  TermProbes(RaftProperties clientProperties) {
    this.clientProperties = clientProperties;
  }

  /** The replica's term, or a failed future when it did not tell it. */
  CompletableFuture<Long> termOf(RaftPeer replica) {
    try {
      return probeOf(replica).currentTerm();
    } catch (StoreException.Unavailable closedStore) {
      return CompletableFuture.failedFuture(closedStore);
    }
  }

  private synchronized ReplicaProbe probeOf(RaftPeer replica) {
    if (closed) {
      throw new StoreException.Unavailable("the session store is closed", null);
    }
    ReplicaProbe known = probes.get(replica.getId());
    if (known != null && known.replica().getAddress().equals(replica.getAddress())) {
      return known;
    }
    if (known != null) {
      known.close();
    }
    ReplicaProbe probe = new ReplicaProbe(replica, clientProperties);
    probes.put(replica.getId(), probe);
    return probe;
  }

  @Override
  public synchronized void close() {
    closed = true;
    probes.values().forEach(ReplicaProbe::close);
    probes.clear();
  }
}
