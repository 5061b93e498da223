package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.raftlog.RaftLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks other replicas of the group for their current term, as stale reads with no minimum index:
 * any replica answers those at once, from its own state, whatever its role. One client per replica,
 * kept while the replica keeps its address, because replicas that joined after this node started
 * are in no client's group.
 */
final class TermProbes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TermProbes.class);

  private static final Message CURRENT_TERM =
      Messages.of(Query.newBuilder().setCurrentTerm(true).build());

  private record PeerClient(String address, RaftClient client) {}

  private final RaftProperties clientProperties;
  private final Map<RaftPeerId, PeerClient> clients = new HashMap<>();
  private final AtomicLong callIds = new AtomicLong();
  private boolean closed;

  /**
   * @param clientProperties how long a probe waits; none is retried, the next round asks again
   */
  TermProbes(RaftProperties clientProperties) {
    this.clientProperties = clientProperties;
  }

  /** The replica's term, or a failed future when it did not answer. */
  CompletableFuture<Long> termOf(RaftPeer replica) {
    RaftClient client;
    try {
      client = clientOf(replica);
    } catch (StoreException.Unavailable e) {
      return CompletableFuture.failedFuture(e);
    }
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(client.getId())
            .setServerId(replica.getId())
            .setGroupId(RaftSetup.GROUP_ID)
            .setCallId(callIds.incrementAndGet())
            .setMessage(CURRENT_TERM)
            .setType(RaftClientRequest.staleReadRequestType(RaftLog.INVALID_LOG_INDEX))
            .build();
    // Unordered and straight to the transport: the client's ordered calls would hold every later
    // probe behind one that got no answer.
    return client.getClientRpc().sendRequestAsyncUnordered(request).thenApply(TermProbes::term);
  }

  private static long term(RaftClientReply reply) {
    if (!reply.isSuccess()) {
      throw new StoreException.Unavailable(
          "a replica did not tell its term: " + reply.getException(), reply.getException());
    }
    try {
      return Replies.orThrow(Messages.parse(Reply.parser(), reply.getMessage().getContent()))
          .getTerm();
    } catch (IOException e) {
      throw new StoreException.Internal("a replica sent an unreadable term", e);
    }
  }

  private synchronized RaftClient clientOf(RaftPeer replica) {
    if (closed) {
      throw new StoreException.Unavailable("the session store is closed", null);
    }
    PeerClient known = clients.get(replica.getId());
    if (known != null && known.address().equals(replica.getAddress())) {
      return known.client();
    }
    if (known != null) {
      closeQuietly(known.client());
    }
    RaftClient client =
        RaftClient.newBuilder()
            .setRaftGroup(RaftGroup.valueOf(RaftSetup.GROUP_ID, replica))
            .setProperties(clientProperties)
            .setParameters(new Parameters())
            .build();
    clients.put(replica.getId(), new PeerClient(replica.getAddress(), client));
    return client;
  }

  @Override
  public synchronized void close() {
    closed = true;
    clients.values().forEach(known -> closeQuietly(known.client()));
    clients.clear();
  }

  private static void closeQuietly(RaftClient client) {
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("Closing a term probe's client failed", e);
    }
  }
}
