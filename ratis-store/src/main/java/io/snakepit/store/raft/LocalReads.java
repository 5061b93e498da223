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
 * Linearizable reads handed in-process to this node's replica while it leads the group: answered
 * once the leader confirmed its leadership, as through the Raft client, but without the loopback
 * gRPC round trip that took as long as a read itself.
 *
 * <p>A follower's replica could answer too (it asks the leader for its commit index and waits until
 * it has applied that far), but a lone read took longer that way than sent to the leader, so
 * followers' reads still go to the leader.
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
   * This replica's successful reply, or empty when it does not lead the group or could not answer
   * within the attempt timeout (it lost the leadership, or a majority). A read changes nothing, so
   * the caller can always send it to the leader instead.
   */
  Optional<RaftClientReply> read(Message query) throws InterruptedException {
    CompletableFuture<RaftClientReply> pending;
    try {
      if (!server.getDivision(RaftSetup.GROUP_ID).getInfo().isLeader()) {
        return Optional.empty();
      }
      pending = server.submitClientRequestAsync(request(query));
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

  private RaftClientRequest request(Message query) {
    return RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(self)
        .setGroupId(RaftSetup.GROUP_ID)
        .setCallId(callIds.incrementAndGet())
        .setMessage(query)
        .setType(RaftClientRequest.readRequestType())
        .build();
  }
}
