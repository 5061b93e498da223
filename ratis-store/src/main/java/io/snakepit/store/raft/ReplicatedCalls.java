package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands and queries to the session group: through a {@link RaftClient}, which finds the leader,
 * except queries that this node's replica answers in-process while it leads. The one place where
 * Ratis's failures become {@link StoreException}s.
 */
final class ReplicatedCalls implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplicatedCalls.class);

  private final RaftClient client;
  private final LocalReads localReads;
  private final AtomicBoolean closed = new AtomicBoolean();

  ReplicatedCalls(RaftClient client, LocalReads localReads) {
    this.client = client;
    this.localReads = localReads;
  }

  /**
   * Proposes the command and waits until it is committed and applied. Returns the reply as the
   * state machine gave it, decided failures included; throws when the group did not answer.
   */
  Reply send(Command command) {
    return call(() -> client.io().send(Messages.of(command)));
  }

  /**
   * A linearizable read, answered by the leader once it confirmed its leadership (or within its
   * lease).
   */
  Reply query(Query query) {
    Optional<Reply> local;
    try {
      local = localReads.read(query);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException.Unavailable("interrupted while waiting for the session group", e);
    }
    return Replies.orThrow(
        local.orElseGet(() -> call(() -> client.io().sendReadOnly(Messages.of(query)))));
  }

  /**
   * A read answered by one replica's state machine, for callers that would rather know there is no
   * answer than wait: this returns empty after {@code timeout}, while Ratis keeps trying in the
   * background until the call's retry policy gives up.
   *
   * <p>Unordered, because Ratis's ordered client keeps one window of requests per replica and
   * closes it for good once a request in it runs out of retries: after a replica was out of reach
   * that long, this node could never ask it again.
   */
  Optional<Reply> queryWithin(Query query, RaftPeerId replica, Duration timeout) {
    CompletableFuture<RaftClientReply> pending =
        client.async().sendReadOnlyUnordered(Messages.of(query), replica);
    try {
      return Optional.of(
          Replies.orThrow(Messages.reply(pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS))));
    } catch (TimeoutException | ExecutionException | StoreException.Unavailable e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private interface RaftCall {
    RaftClientReply send() throws IOException;
  }

  private Reply call(RaftCall call) {
    if (closed.get()) {
      throw new StoreException.Unavailable("the session store is closed", null);
    }
    RaftClientReply reply;
    try {
      reply = call.send();
    } catch (IOException e) {
      throw new StoreException.Unavailable(
          "the session group did not answer: " + e.getMessage(), e);
    }
    return Messages.reply(reply);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        client.close();
      } catch (IOException e) {
        LOG.warn("Closing the session group's client failed", e);
      }
    }
  }
}
