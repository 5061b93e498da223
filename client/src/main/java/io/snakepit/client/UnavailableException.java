package io.snakepit.client;

import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * The node could not serve the call right now (no store leader yet, leader changed, a peer or
 * worker restarting, or the node is unreachable): the call is safe to retry (status UNAVAILABLE).
 */
public final class UnavailableException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  private final String leaderHint;
  private final Duration retryAfter;

  /**
   * @param leaderHint the node leading the session store, or null when unknown
   * @param retryAfter when the node suggests retrying, or null when it did not say
   */
  public UnavailableException(
      String message, String leaderHint, Duration retryAfter, Throwable cause) {
    super(Status.Code.UNAVAILABLE, message, cause);
    this.leaderHint = leaderHint;
    this.retryAfter = retryAfter;
  }

  public Optional<String> leaderHint() {
    return Optional.ofNullable(leaderHint);
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
