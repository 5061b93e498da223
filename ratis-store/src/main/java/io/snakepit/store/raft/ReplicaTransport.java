package io.snakepit.store.raft;

import javax.net.ssl.SSLException;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.thirdparty.io.grpc.netty.GrpcSslContexts;
import org.apache.ratis.thirdparty.io.grpc.netty.NettyChannelBuilder;

/** Puts a {@link ReplicaNetwork}'s TLS into Ratis's transport and into the replicas' own calls. */
final class ReplicaTransport {

  private ReplicaTransport() {}

  /**
   * Adds the TLS settings to Ratis parameters: its server then requires a client certificate, and
   * its clients show theirs.
   */
  static Parameters secure(Parameters parameters, ReplicaNetwork network) {
    network
        .tls()
        .ifPresent(
            tls ->
                GrpcConfigKeys.TLS.setConf(
                    parameters, new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), true)));
    return parameters;
  }

  /** A channel to another replica's Raft port, with TLS when the network has it. */
  static NettyChannelBuilder channelTo(String address, ReplicaNetwork network) {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(address);
    if (network.tls().isEmpty()) {
      return builder.usePlaintext();
    }
    ReplicaTls tls = network.tls().get();
    try {
      return builder.sslContext(
          GrpcSslContexts.forClient()
              .keyManager(tls.keyManager())
              .trustManager(tls.trustManager())
              .build());
    } catch (SSLException e) {
      throw new IllegalStateException("cannot make a TLS context for the replicas' calls", e);
    }
  }
}
