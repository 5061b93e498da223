package io.snakepit.store.raft;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

/**
 * Linearizable reads answered by this node's own replica, handed to it in-process. A follower asks
 * the leader for its commit index (a ReadIndex), waits until it has applied that far and answers
 * from its own state, as a leader does after confirming its leadership. Reads so spread over every
 * replica instead of all queuing at the leader, and skip a round trip through the Raft client.
 */
final class LocalReads {

  private final RaftServer server;
  private final RaftPeerId self;
  private final Duration attemptTimeout;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  LocalReads(RaftServer server, Duration attemptTimeout) {
    this.server = server;
    this.self = server.getId();
    this.attemptTimeout = attemptTimeout;
  }

  /**
   * This replica's successful reply, or empty when it could not give one within the attempt
   * timeout: no leader known, not a member yet, a snapshot being installed, the leader unreachable.
   * A read changes nothing, so the caller can always ask the leader instead.
   */
  Optional<RaftClientReply> read(Message query) throws InterruptedException {
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(clientId)
            .setServerId(self)
            .setGroupId(RaftSetup.GROUP_ID)
            .setCallId(callIds.incrementAndGet())
            .setMessage(query)
            .setType(RaftClientRequest.readRequestType())
            .build();
    CompletableFuture<RaftClientReply> pending;
    try {
      pending = server.submitClientRequestAsync(request);
    } catch (IOException notServing) {
      return Optional.empty();
    }
    try {
      RaftClientReply reply = pending.get(attemptTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return reply.isSuccess() ? Optional.of(reply) : Optional.empty();
    } catch (ExecutionException | TimeoutException e) {
      pending.cancel(true);
      return Optional.empty();
    }
  }
}
