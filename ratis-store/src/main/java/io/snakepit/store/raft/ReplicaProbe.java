package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.v1.Query;
import java.io.IOException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.raftlog.RaftLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one replica for its current term, as a stale read with no minimum index: any replica answers
 * that at once, from its own state, whatever its role.
 *
 * <p>The request goes unordered and straight to the client's transport, since the client's ordered
 * calls would hold every later probe behind one that got no answer. That transport does not recover
 * a replica's connection by itself once it failed (a replica killed and started again stayed
 * unanswered; the client's own retries would have reset the connection): so after a failure the
 * next probe, at most once per {@link #RECONNECT_PAUSE}, reconnects first.
 */
final class ReplicaProbe implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicaProbe.class);

  private static final Message CURRENT_TERM =
      Messages.of(Query.newBuilder().setCurrentTerm(true).build());

  /** Short, because a replica that came back is needed at once when another fails. */
  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(100);

  private final RaftPeer replica;
  private final RaftClient client;
  private final AtomicLong callIds = new AtomicLong();

  /** Counts the connections: a probe's failure counts only against the one it was sent on. */
  private long connection;

  /** When a probe on this connection failed, in {@link System#nanoTime}; null while none did. */
  private Long failedAt;

  private Throwable lastFailure;

  /**
   * @param clientProperties how long a probe waits for its answer
   */
  ReplicaProbe(RaftPeer replica, RaftProperties clientProperties) {
    this.replica = replica;
    this.client =
        RaftClient.newBuilder()
            .setRaftGroup(RaftGroup.valueOf(RaftSetup.GROUP_ID, replica))
            .setProperties(clientProperties)
            .setParameters(new Parameters())
            .build();
  }

  RaftPeer replica() {
    return replica;
  }

  /** The replica's term, or a failed future when it did not tell it. */
  CompletableFuture<Long> currentTerm() {
    OptionalLong sentOn = usableConnection();
    if (sentOn.isEmpty()) {
      return CompletableFuture.failedFuture(
          new StoreException.Unavailable(
              "the replica " + replica.getId() + " did not answer a probe just now", null));
    }
    return client
        .getClientRpc()
        .sendRequestAsyncUnordered(request())
        .whenComplete(
            (reply, failure) -> {
              if (failure != null) {
                failed(sentOn.getAsLong(), failure);
              }
            })
        .thenApply(reply -> Replies.orThrow(Messages.reply(reply)).getTerm());
  }

  /**
   * The connection to send on, a new one when a probe failed on the last at least {@link
   * #RECONNECT_PAUSE} ago; empty within that pause.
   */
  private synchronized OptionalLong usableConnection() {
    if (failedAt != null) {
      if (System.nanoTime() - failedAt < RECONNECT_PAUSE.toNanos()) {
        return OptionalLong.empty();
      }
      client.getClientRpc().handleException(replica.getId(), lastFailure, true);
      connection++;
      failedAt = null;
    }
    return OptionalLong.of(connection);
  }

  /**
   * Probes still out on a connection when it is replaced fail with it; they say nothing of the new
   * one, and counting them would replace every connection in turn.
   */
  private synchronized void failed(long sentOn, Throwable failure) {
    if (sentOn == connection && failedAt == null) {
      failedAt = System.nanoTime();
      lastFailure = failure;
    }
  }

  private RaftClientRequest request() {
    return RaftClientRequest.newBuilder()
        .setClientId(client.getId())
        .setServerId(replica.getId())
        .setGroupId(RaftSetup.GROUP_ID)
        .setCallId(callIds.incrementAndGet())
        .setMessage(CURRENT_TERM)
        .setType(RaftClientRequest.staleReadRequestType(RaftLog.INVALID_LOG_INDEX))
        .build();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("Closing the term probe of {} failed", replica.getId(), e);
    }
  }
}
