package io.snakepit.node;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.DeleteSessionRequest;
import io.snakepit.api.v1.DeleteSessionResponse;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.Variable;
import io.snakepit.api.v1.VariableOperation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A fault injector to put in front of a real node as a client's endpoint: it forwards each write
 * (PutVariable, BatchVariables, DeleteSession) to the node and, once the node has answered (success
 * or failure), replies UNAVAILABLE instead, as if the connection broke after the node applied the
 * write. Other calls are UNIMPLEMENTED here.
 */
final class ReplyDropper extends SnakepitGrpc.SnakepitImplBase {
  private final Supplier<SnakepitGrpc.SnakepitBlockingStub> node;
  private final List<String> forwarded = new CopyOnWriteArrayList<>();

  ReplyDropper(Supplier<SnakepitGrpc.SnakepitBlockingStub> node) {
    this.node = node;
  }

  @Override
  public void putVariable(PutVariableRequest request, StreamObserver<Variable> response) {
    forward(() -> node.get().putVariable(request));
    lose(List.of(request.getSessionId()), response);
  }

  /** Every operation of the batch counts as forwarded for its session. */
  @Override
  public void batchVariables(
      BatchVariablesRequest request, StreamObserver<BatchVariablesResponse> response) {
    forward(() -> node.get().batchVariables(request));
    lose(request.getOperationsList().stream().map(ReplyDropper::sessionOf).toList(), response);
  }

  private static String sessionOf(VariableOperation operation) {
    return switch (operation.getOperationCase()) {
      case GET -> operation.getGet().getSessionId();
      case PUT -> operation.getPut().getSessionId();
      case DELETE -> operation.getDelete().getSessionId();
      case OPERATION_NOT_SET -> "";
    };
  }

  @Override
  public void deleteSession(
      DeleteSessionRequest request, StreamObserver<DeleteSessionResponse> response) {
    forward(() -> node.get().deleteSession(request));
    lose(List.of(request.getSessionId()), response);
  }

  /** A failure the node answered is lost like a success. */
  private static void forward(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException answered) {
      // lost with the connection
    }
  }

  /** The writes of the session that reached the node through here. */
  List<String> forwarded(String sessionId) {
    return forwarded.stream().filter(sessionId::equals).toList();
  }

  private void lose(List<String> sessionIds, StreamObserver<?> response) {
    forwarded.addAll(sessionIds);
    response.onError(
        Status.UNAVAILABLE.withDescription("the connection broke before the reply").asException());
  }
}
