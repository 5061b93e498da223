package io.snakepit.store.raft;

import java.time.Duration;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;

/**
 * Builds this node's clients of the group on Ratis's gRPC transport, with two layers above it:
 * calls go to the leader this node's replica follows ({@link LeaderFollowingClientRpc}), and pass
 * {@link LinkFaults} on their way out ({@link CuttableClientRpc}).
 */
final class ClientTransports {

  private final RaftPeerId self;
  private final RaftServer replica;
  private final LeaderWatch leaders;
  private final Duration heardWithin;
  private final ReplicaNetwork network;

  ClientTransports(
      RaftStoreConfig config, ReplicaNetwork network, RaftServer replica, LeaderWatch leaders) {
    this.network = network;
    this.self = RaftPeerId.valueOf(config.selfId());
    this.replica = replica;
    this.leaders = leaders;
    this.heardWithin = config.electionTimeoutMin();
  }

  /**
   * @param attemptTimeout how long one attempt waits, as {@code properties} tell Ratis's transport
   */
  RaftClient client(
      RaftGroup group,
      RaftProperties properties,
      RetryPolicy retryPolicy,
      Duration attemptTimeout) {
    ClientId id = ClientId.randomId();
    RaftClientRpc grpc =
        new GrpcFactory(ReplicaTransport.secure(new Parameters(), network))
            .newRaftClientRpc(id, properties);
    RaftClientRpc transport =
        new LeaderFollowingClientRpc(
            new CuttableClientRpc(new BackgroundReconnects(grpc), self, attemptTimeout),
            replica,
            leaders,
            heardWithin);
    return RaftClient.newBuilder()
        .setClientId(id)
        .setRaftGroup(group)
        .setProperties(properties)
        .setClientRpc(transport)
        .setRetryPolicy(retryPolicy)
        .build();
  }
}
