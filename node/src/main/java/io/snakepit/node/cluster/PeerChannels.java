package io.snakepit.node.cluster;

import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One channel to each peer's API, by address, kept for the life of the node: a forwarded call must
 * not pay a connection set-up. Calls through it carry this node's id as the hop marker.
 */
public final class PeerChannels implements AutoCloseable {

  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private final ClientInterceptor marker;
  private final int maxMessageBytes;
  private final ChannelCredentials credentials;

  /**
   * @param credentials how this node shows itself to its peers: its certificate, or plaintext
   */
  public PeerChannels(String selfId, int maxMessageBytes, ChannelCredentials credentials) {
    this.credentials = credentials;
    Metadata headers = new Metadata();
    headers.put(Forwarding.FORWARDED_BY, selfId);
    this.marker = MetadataUtils.newAttachHeadersInterceptor(headers);
    this.maxMessageBytes = maxMessageBytes;
  }

  /** A channel to the API at {@code address} whose calls carry the hop marker. */
  io.grpc.Channel to(String address) {
    ManagedChannel channel =
        channels.computeIfAbsent(
            address,
            target ->
                NettyChannelBuilder.forTarget(target, credentials)
                    .maxInboundMessageSize(maxMessageBytes)
                    .build());
    return ClientInterceptors.intercept(channel, marker);
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdown);
    for (ManagedChannel channel : channels.values()) {
      try {
        if (!channel.awaitTermination(1, TimeUnit.SECONDS)) {
          channel.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        channel.shutdownNow();
      }
    }
  }
}
