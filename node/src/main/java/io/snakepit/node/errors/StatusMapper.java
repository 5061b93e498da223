package io.snakepit.node.errors;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.snakepit.api.v1.OperationError;
import io.snakepit.api.v1.RetryInfo;
import io.snakepit.api.v1.ToolError;
import io.snakepit.store.StoreException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become gRPC statuses, chosen by what the caller should do next (see
 * the Errors table of DESIGN.md).
 */
public final class StatusMapper {

  private static final Logger log = LoggerFactory.getLogger(StatusMapper.class);

  private StatusMapper() {}

  public static StatusRuntimeException toStatus(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof StatusRuntimeException status) {
      return status;
    }
    if (cause instanceof StoreException storeFailure) {
      return fromStore(storeFailure);
    }
    if (cause instanceof NodeException nodeFailure) {
      return fromNode(nodeFailure);
    }
    log.error("unexpected failure", cause);
    return Status.INTERNAL.withDescription("internal error: " + cause).asRuntimeException();
  }

  /** {@link #toStatus}, as the error a response carries for one of its parts. */
  public static OperationError toOperationError(Throwable failure) {
    StatusRuntimeException status = toStatus(failure);
    OperationError.Builder error =
        OperationError.newBuilder()
            .setCode(status.getStatus().getCode().value())
            .setMessage(Objects.requireNonNullElse(status.getStatus().getDescription(), ""));
    com.google.rpc.Status withDetails = StatusProto.fromThrowable(status);
    if (withDetails != null) {
      error.addAllDetails(withDetails.getDetailsList());
    }
    return error.build();
  }

  private static StatusRuntimeException fromStore(StoreException failure) {
    Status status =
        switch (failure.code()) {
          case NOT_FOUND -> Status.NOT_FOUND;
          case CONFLICT -> Status.ABORTED;
          case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
          case UNAVAILABLE -> Status.UNAVAILABLE;
          case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
          case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
          case INTERNAL -> {
            log.error("session store failure", failure);
            yield Status.INTERNAL;
          }
        };
    return status.withDescription(failure.getMessage()).asRuntimeException();
  }

  private static StatusRuntimeException fromNode(NodeException failure) {
    return switch (failure.code()) {
      case BAD_REQUEST -> plain(Status.INVALID_ARGUMENT, failure);
      case NOT_FOUND -> plain(Status.NOT_FOUND, failure);
      case WORKER_UNAVAILABLE -> plain(Status.UNAVAILABLE, failure);
      case DEADLINE_EXCEEDED -> plain(Status.DEADLINE_EXCEEDED, failure);
      case POOL_EXHAUSTED ->
          withDetail(
              Code.RESOURCE_EXHAUSTED,
              failure.getMessage(),
              Any.pack(
                  RetryInfo.newBuilder()
                      .setRetryAfterMillis(
                          ((NodeException.PoolExhausted) failure).retryAfterMillis())
                      .build()));
      case TOOL_FAILED -> {
        ToolError error = ((NodeException.ToolFailed) failure).error();
        yield withDetail(codeOf(error), failure.getMessage(), Any.pack(error));
      }
    };
  }

  private static Code codeOf(ToolError error) {
    return switch (error.getKind()) {
      case PRECONDITION -> Code.FAILED_PRECONDITION;
      case BAD_ARGUMENTS -> Code.INVALID_ARGUMENT;
      case UNKNOWN_TOOL -> Code.NOT_FOUND;
      case RAISED, UNRECOGNIZED -> Code.UNKNOWN;
    };
  }

  private static StatusRuntimeException plain(Status status, NodeException failure) {
    return status.withDescription(failure.getMessage()).asRuntimeException();
  }

  private static StatusRuntimeException withDetail(Code code, String message, Any detail) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(code.getNumber())
            .setMessage(message)
            .addDetails(detail)
            .build());
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
