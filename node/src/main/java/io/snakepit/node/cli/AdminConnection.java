package io.snakepit.node.cli;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.AdminGrpc;
import io.snakepit.api.v1.AdminGrpc.AdminBlockingStub;
import io.snakepit.client.StatusTranslator;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A connection to one node's admin API. A failed call becomes the SDK's exception for its status,
 * so that the CLI reports it like any other call.
 */
final class AdminConnection implements AutoCloseable {

  /** Long enough for a page of records to be replicated through a busy group. */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  /** An export page or import batch is at most a few MiB (the store's limits). */
  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private final ManagedChannel channel;
  private final AdminBlockingStub stub;

  AdminConnection(String target, ChannelCredentials credentials) {
    channel =
        Grpc.newChannelBuilder(target, credentials)
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
    stub = AdminGrpc.newBlockingStub(channel).withMaxOutboundMessageSize(MAX_MESSAGE_BYTES);
  }

  <T> T call(Function<AdminBlockingStub, T> call) {
    try {
      return call.apply(stub.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (StatusRuntimeException e) {
      throw StatusTranslator.translate(e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
