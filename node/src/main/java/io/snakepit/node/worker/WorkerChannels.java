package io.snakepit.node.worker;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Opens gRPC channels to workers over their Unix sockets. One small event loop group serves every
 * worker channel; replies are handled on it directly (no executor hop), which keeps a call's
 * overhead low.
 */
public final class WorkerChannels implements AutoCloseable {

  public static final Metadata.Key<String> SECRET_HEADER =
      Metadata.Key.of("x-snakepit-secret", Metadata.ASCII_STRING_MARSHALLER);

  private final EventLoopGroup eventLoops;
  private final String secret;
  private final int maxMessageBytes;

  public WorkerChannels(String secret, int maxMessageBytes, int eventLoopThreads) {
    this.eventLoops = new EpollEventLoopGroup(eventLoopThreads);
    this.secret = secret;
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * A channel to the worker serving on {@code socket}, sending this run's secret with every call.
   */
  public ManagedChannel open(Path socket) {
    Metadata headers = new Metadata();
    headers.put(SECRET_HEADER, secret);
    return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .eventLoopGroup(eventLoops)
        .channelType(EpollDomainSocketChannel.class)
        .usePlaintext()
        .directExecutor()
        .maxInboundMessageSize(maxMessageBytes)
        .intercept(MetadataUtils.newAttachHeadersInterceptor(headers))
        .build();
  }

  @Override
  public void close() {
    eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
