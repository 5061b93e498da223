package io.snakepit.node.execute;

import io.grpc.Deadline;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ToolError;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.pool.Lease;
import io.snakepit.worker.v1.ExecuteRequest;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An execute whose items stream back. Flow control runs end to end: the node asks the worker for
 * the next item only when the caller can take one, so a slow caller slows the Python generator
 * instead of filling the node's memory.
 */
final class StreamingToolCall extends ToolCall<io.snakepit.worker.v1.ExecuteChunk, ExecuteChunk> {

  private final AtomicBoolean awaitingCaller = new AtomicBoolean();
  private volatile ToolError toolError;

  StreamingToolCall(
      ToolTarget.InPool target,
      ExecuteRequest workerRequest,
      Deadline deadline,
      ServerCallStreamObserver<ExecuteChunk> caller,
      ToolMetrics metrics) {
    super(target, workerRequest, deadline, caller, metrics);
  }

  @Override
  void beforeStart() {
    caller.setOnReadyHandler(this::requestNextIfAwaited);
  }

  @Override
  void prepareWorkerStream(ClientCallStreamObserver<ExecuteRequest> requestStream) {
    requestStream.disableAutoRequestWithInitial(1);
  }

  @Override
  void callWorker(
      Lease lease,
      ExecuteRequest request,
      Deadline deadline,
      ClientResponseObserver<ExecuteRequest, io.snakepit.worker.v1.ExecuteChunk> observer) {
    lease.worker().executeStream(request, deadline, observer);
  }

  @Override
  void onWorkerMessage(Lease lease, io.snakepit.worker.v1.ExecuteChunk chunk) {
    if (chunk.hasError()) {
      toolError = chunk.getError();
      workerCall().request(1);
      return;
    }
    caller.onNext(ExecuteChunk.newBuilder().setItem(chunk.getItem()).build());
    if (caller.isReady()) {
      workerCall().request(1);
    } else {
      // Re-check after publishing the wish: the ready handler may have run in between.
      awaitingCaller.set(true);
      if (caller.isReady()) {
        requestNextIfAwaited();
      }
    }
  }

  @Override
  void onWorkerCompleted() {
    if (toolError != null) {
      fail(new NodeException.ToolFailed(toolError));
      return;
    }
    succeed();
    caller.onCompleted();
  }

  private void requestNextIfAwaited() {
    ClientCallStreamObserver<ExecuteRequest> call = workerCall();
    if (call != null && awaitingCaller.compareAndSet(true, false)) {
      call.request(1);
    }
  }
}
