package io.snakepit.node.execute;

import io.grpc.Deadline;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.pool.Lease;
import io.snakepit.worker.v1.ExecuteRequest;

/** An execute answered with one response. */
final class UnaryToolCall
    extends ToolCall<io.snakepit.worker.v1.ExecuteResponse, io.snakepit.api.v1.ExecuteResponse> {

  private final String nodeId;
  private volatile io.snakepit.worker.v1.ExecuteResponse answer;
  private volatile String workerId;

  UnaryToolCall(
      ToolTarget.InPool target,
      ExecuteRequest workerRequest,
      Deadline deadline,
      ServerCallStreamObserver<io.snakepit.api.v1.ExecuteResponse> caller,
      ToolMetrics metrics,
      String nodeId) {
    super(target, workerRequest, deadline, caller, metrics);
    this.nodeId = nodeId;
  }

  @Override
  void callWorker(
      Lease lease,
      ExecuteRequest request,
      Deadline deadline,
      ClientResponseObserver<ExecuteRequest, io.snakepit.worker.v1.ExecuteResponse> observer) {
    workerId = lease.worker().id();
    lease.worker().execute(request, deadline, observer);
  }

  @Override
  void onWorkerMessage(Lease lease, io.snakepit.worker.v1.ExecuteResponse message) {
    answer = message;
  }

  @Override
  void onWorkerCompleted() {
    if (answer == null) {
      fail(
          new NodeException.WorkerUnavailable(
              "worker " + workerId + " ended the call to tool '" + tool() + "' without an answer"));
      return;
    }
    if (answer.hasError()) {
      fail(new NodeException.ToolFailed(answer.getError()));
      return;
    }
    succeed();
    caller.onNext(
        io.snakepit.api.v1.ExecuteResponse.newBuilder()
            .setResult(answer.getResult())
            .setNodeId(nodeId)
            .setWorkerId(workerId)
            .build());
    caller.onCompleted();
  }
}
