package io.snakepit.client;

import io.grpc.Channel;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.SnakepitGrpc.SnakepitBlockingStub;
import io.snakepit.api.v1.SnakepitGrpc.SnakepitStub;
import java.time.Duration;

/**
 * Makes a stub per call, because a gRPC deadline is fixed when the stub is made and every call
 * needs its own.
 */
final class StubFactory {

  private final Channel channel;
  private final Duration defaultTimeout;

  StubFactory(Channel channel, Duration defaultTimeout) {
    this.channel = channel;
    this.defaultTimeout = defaultTimeout;
  }

  SnakepitBlockingStub blocking() {
    return blocking(defaultTimeout);
  }

  SnakepitBlockingStub blocking(Duration timeout) {
    return SnakepitGrpc.newBlockingStub(channel).withDeadlineAfter(timeout);
  }

  SnakepitStub async(Duration timeout) {
    return SnakepitGrpc.newStub(channel).withDeadlineAfter(timeout);
  }

  Duration defaultTimeout() {
    return defaultTimeout;
  }
}
