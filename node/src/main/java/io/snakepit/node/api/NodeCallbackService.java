package io.snakepit.node.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.DeleteVariableRequest;
import io.snakepit.api.v1.DeleteVariableResponse;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.Variable;
import io.snakepit.node.execute.ToolCalls;
import io.snakepit.worker.v1.NodeCallbackGrpc;

/**
 * What a tool's {@code ctx} asks of its node: session variables and calls to other tools, with the
 * public API's semantics.
 */
public final class NodeCallbackService extends NodeCallbackGrpc.NodeCallbackImplBase {

  private final StoreGateway store;
  private final ToolCalls toolCalls;

  public NodeCallbackService(StoreGateway store, ToolCalls toolCalls) {
    this.store = store;
    this.toolCalls = toolCalls;
  }

  @Override
  public void execute(ExecuteRequest request, StreamObserver<ExecuteResponse> observer) {
    toolCalls.execute(request, (ServerCallStreamObserver<ExecuteResponse>) observer);
  }

  @Override
  public void getVariable(GetVariableRequest request, StreamObserver<Variable> observer) {
    SnakepitApiService.answer(observer, () -> store.getVariable(request));
  }

  @Override
  public void putVariable(PutVariableRequest request, StreamObserver<Variable> observer) {
    SnakepitApiService.answer(observer, () -> store.putVariable(request));
  }

  @Override
  public void deleteVariable(
      DeleteVariableRequest request, StreamObserver<DeleteVariableResponse> observer) {
    SnakepitApiService.answer(observer, () -> store.deleteVariable(request));
  }
}
