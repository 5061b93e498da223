package io.snakepit.store.common;

import io.snakepit.store.StoreException;
import io.snakepit.store.v1.Failure;
import io.snakepit.store.v1.Reply;

/**
 * Decided failures as replies (replicated, or recorded for a request id), and back into the store's
 * exceptions.
 */
public final class Replies {

  private Replies() {}

  public static Reply failure(StoreException decided) {
    Failure.Code code =
        switch (decided.code()) {
          case NOT_FOUND -> Failure.Code.NOT_FOUND;
          case CONFLICT -> Failure.Code.CONFLICT;
          case INVALID_ARGUMENT -> Failure.Code.INVALID_ARGUMENT;
          case UNAVAILABLE, ALREADY_EXISTS, FAILED_PRECONDITION, INTERNAL ->
              throw new IllegalArgumentException("not a decision of the state machine", decided);
        };
    String message = decided.getMessage() == null ? "" : decided.getMessage();
    return Reply.newBuilder()
        .setFailure(Failure.newBuilder().setCode(code).setMessage(message))
        .build();
  }

  /** The reply itself, or the exception its failure stands for. */
  public static Reply orThrow(Reply reply) {
    if (!reply.hasFailure()) {
      return reply;
    }
    Failure failure = reply.getFailure();
    throw switch (failure.getCode()) {
      case NOT_FOUND -> new StoreException.NotFound(failure.getMessage());
      case CONFLICT -> new StoreException.Conflict(failure.getMessage());
      case INVALID_ARGUMENT -> new StoreException.InvalidArgument(failure.getMessage());
      case CODE_UNSPECIFIED, UNRECOGNIZED ->
          new StoreException.Internal("unknown failure from the session group: " + failure, null);
    };
  }
}
