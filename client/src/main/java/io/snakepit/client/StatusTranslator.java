package io.snakepit.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.snakepit.api.v1.RetryInfo;
import io.snakepit.api.v1.ToolError;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place where a failed gRPC call becomes a typed {@link SnakepitException}: the inverse of
 * the node's error table (see DESIGN.md, Errors).
 */
public final class StatusTranslator {

  private StatusTranslator() {}

  /**
   * Translates the failure of a call; a {@link SnakepitException} is returned unchanged and any
   * other throwable reads as status UNKNOWN.
   */
  public static SnakepitException translate(Throwable failure) {
    if (failure instanceof SnakepitException translated) {
      return translated;
    }
    Status status = Status.fromThrowable(failure);
    com.google.rpc.Status details = StatusProto.fromThrowable(failure);
    String message = Objects.requireNonNullElse(status.getDescription(), "no description");
    Optional<RetryInfo> retry = detail(details, RetryInfo.class);
    return switch (status.getCode()) {
      case NOT_FOUND -> new NotFoundException(message, failure);
      case ABORTED -> new ConflictException(message, failure);
      case INVALID_ARGUMENT -> new InvalidArgumentException(message, failure);
      case DEADLINE_EXCEEDED -> new DeadlineExceededException(message, failure);
      case INTERNAL -> new InternalException(message, failure);
      case UNAUTHENTICATED -> new UnauthenticatedException(message, failure);
      case PERMISSION_DENIED -> new PermissionDeniedException(message, failure);
      case RESOURCE_EXHAUSTED ->
          new ResourceExhaustedException(message, retryAfter(retry), failure);
      case UNAVAILABLE ->
          new UnavailableException(message, leaderHint(retry), retryAfter(retry), failure);
      case UNKNOWN, FAILED_PRECONDITION ->
          detail(details, ToolError.class)
              .<SnakepitException>map(
                  error ->
                      new ToolException(
                          status.getCode(),
                          error.getType(),
                          error.getMessage(),
                          error.getTraceback(),
                          failure))
              .orElseGet(() -> new UnexpectedStatusException(status.getCode(), message, failure));
      default -> new UnexpectedStatusException(status.getCode(), message, failure);
    };
  }

  private static <T extends Message> Optional<T> detail(
      com.google.rpc.Status details, Class<T> type) {
    if (details == null) {
      return Optional.empty();
    }
    for (Any any : details.getDetailsList()) {
      if (any.is(type)) {
        try {
          return Optional.of(any.unpack(type));
        } catch (InvalidProtocolBufferException e) {
          // A corrupt detail must not hide the status itself: translate without it.
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static Duration retryAfter(Optional<RetryInfo> retry) {
    return retry
        .filter(info -> info.getRetryAfterMillis() > 0)
        .map(info -> Duration.ofMillis(info.getRetryAfterMillis()))
        .orElse(null);
  }

  private static String leaderHint(Optional<RetryInfo> retry) {
    return retry.map(RetryInfo::getLeaderHint).filter(hint -> !hint.isEmpty()).orElse(null);
  }
}
