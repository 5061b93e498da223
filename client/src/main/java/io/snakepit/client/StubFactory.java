package io.snakepit.client;

import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.SnakepitGrpc.SnakepitBlockingStub;
import io.snakepit.api.v1.SnakepitGrpc.SnakepitStub;
import java.time.Duration;
import java.util.function.Function;

/**
 * Makes a stub per call, because a gRPC deadline is fixed when the stub is made and every call
 * needs its own; blocking calls go through {@link Failover}, the others to the current endpoint.
 */
final class StubFactory {

  private final Endpoints endpoints;
  private final Failover failover;
  private final Duration defaultTimeout;

  StubFactory(Endpoints endpoints, Duration defaultTimeout) {
    this.endpoints = endpoints;
    this.failover = new Failover(endpoints);
    this.defaultTimeout = defaultTimeout;
  }

  /** Runs a blocking call with the default timeout, moving on to other nodes as allowed. */
  <T> T blocking(Failover.Safety safety, Function<SnakepitBlockingStub, T> call) {
    return blocking(safety, defaultTimeout, call);
  }

  <T> T blocking(Failover.Safety safety, Duration timeout, Function<SnakepitBlockingStub, T> call) {
    return failover.call(
        safety,
        channel -> call.apply(SnakepitGrpc.newBlockingStub(channel).withDeadlineAfter(timeout)));
  }

  /** A blocking stub on the current endpoint, for streams (which are not retried). */
  SnakepitBlockingStub blocking(Duration timeout) {
    return SnakepitGrpc.newBlockingStub(endpoints.current()).withDeadlineAfter(timeout);
  }

  SnakepitStub async(Duration timeout) {
    return SnakepitGrpc.newStub(endpoints.current()).withDeadlineAfter(timeout);
  }

  Duration defaultTimeout() {
    return defaultTimeout;
  }
}
