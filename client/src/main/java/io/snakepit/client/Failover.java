package io.snakepit.client;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.util.function.Function;

/**
 * Runs a blocking call on the current endpoint and, when that node is unavailable, again on the
 * next ones, but only when a retry cannot apply the call twice: for calls that are safe to repeat
 * (reads, and writes carrying a request id that the store deduplicates), or when the node was never
 * reached (the connection was refused, so the request was never sent). Other failures, a passed
 * deadline included, are not retried: the deadline is the whole call's.
 */
final class Failover {

  /** Whether repeating a call that may already have been applied is harmless. */
  enum Safety {
    /** A read, or a write the API defines as idempotent. */
    REPEATABLE,
    /**
     * A write carrying a request id, the same in every attempt: the store answers a repeat with the
     * first reply and does not apply it again.
     */
    DEDUPLICATED,
    /** A write that a repeat could apply twice. */
    ONCE
  }

  private final Endpoints endpoints;

  Failover(Endpoints endpoints) {
    this.endpoints = endpoints;
  }

  <T> T call(Safety safety, Function<Channel, T> call) {
    for (int attempt = 1; ; attempt++) {
      Channel channel = endpoints.current();
      try {
        return call.apply(channel);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
          throw StatusTranslator.translate(e);
        }
        endpoints.moveOnFrom(channel);
        boolean mayRetry = safety != Safety.ONCE || neverSent(e);
        if (!mayRetry || attempt >= endpoints.size()) {
          throw StatusTranslator.translate(e);
        }
      }
    }
  }

  private static boolean neverSent(StatusRuntimeException e) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }
}
