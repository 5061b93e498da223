package io.snakepit.client;

import io.grpc.Status;
import java.time.Duration;
import java.util.Optional;

/**
 * The pool's queue was full or the call waited too long for a worker, or a payload was too big
 * (status RESOURCE_EXHAUSTED). A queue problem is worth retrying after {@link #retryAfter()}.
 */
public final class ResourceExhaustedException extends SnakepitException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * @param retryAfter when the node suggests retrying, or null when it did not say
   */
  public ResourceExhaustedException(String message, Duration retryAfter, Throwable cause) {
    super(Status.Code.RESOURCE_EXHAUSTED, message, cause);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
