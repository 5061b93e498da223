package io.snakepit.store.raft;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;

/**
 * A Raft client's transport whose requests pass {@link LinkFaults} first. A dropped request fails
 * as an unanswered one does, after the attempt timeout, so the client retries and finds the leader
 * as it would behind a real cut.
 */
final class CuttableClientRpc extends ForwardingClientRpc {

  private final RaftPeerId self;
  private final Duration attemptTimeout;

  CuttableClientRpc(RaftClientRpc transport, RaftPeerId self, Duration attemptTimeout) {
    super(transport);
    this.self = self;
    this.attemptTimeout = attemptTimeout;
  }

  @Override
  public CompletableFuture<RaftClientReply> sendRequestAsync(RaftClientRequest request) {
    return dropped(request) ? unanswered(request) : transport.sendRequestAsync(request);
  }

  @Override
  public CompletableFuture<RaftClientReply> sendRequestAsyncUnordered(RaftClientRequest request) {
    return dropped(request) ? unanswered(request) : transport.sendRequestAsyncUnordered(request);
  }

  @Override
  public RaftClientReply sendRequest(RaftClientRequest request) throws IOException {
    if (!dropped(request)) {
      return transport.sendRequest(request);
    }
    try {
      Thread.sleep(attemptTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while a request went unanswered");
    }
    throw timedOut(request);
  }

  private boolean dropped(RaftClientRequest request) {
    return LinkFaults.dropped(self, request.getServerId(), request);
  }

  private CompletableFuture<RaftClientReply> unanswered(RaftClientRequest request) {
    CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> reply.completeExceptionally(timedOut(request)));
    return reply;
  }

  private TimeoutIOException timedOut(RaftClientRequest request) {
    return new TimeoutIOException(
        "no answer from " + request.getServerId() + " within " + attemptTimeout, null);
  }
}
