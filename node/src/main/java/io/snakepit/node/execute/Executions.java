package io.snakepit.node.execute;

import io.grpc.stub.ServerCallStreamObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;

/** Where the API hands its executes: this node's workers, or the router in front of them. */
public interface Executions {

  void execute(ExecuteRequest request, ServerCallStreamObserver<ExecuteResponse> caller);

  void executeStream(ExecuteRequest request, ServerCallStreamObserver<ExecuteChunk> caller);
}
