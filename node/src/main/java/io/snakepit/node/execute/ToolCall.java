package io.snakepit.node.execute;

import com.codahale.metrics.Timer;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.snakepit.node.errors.StatusMapper;
import io.snakepit.node.pool.Lease;
import io.snakepit.worker.v1.ExecuteRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One execute, from the caller through the pool to a worker and back: waits for a worker, calls it
 * with the caller's deadline, and stops everything when the caller cancels. Subclasses relay the
 * worker's answer (one response, or a stream).
 *
 * @param <W> what the worker sends
 * @param <C> what the caller receives
 */
abstract class ToolCall<W, C> {

  protected final ToolTarget.InPool target;
  protected final ServerCallStreamObserver<C> caller;
  private final ExecuteRequest workerRequest;
  private final Deadline deadline;
  private final ToolMetrics metrics;
  private final Timer.Context timer;
  private final AtomicReference<ClientCallStreamObserver<ExecuteRequest>> workerCall =
      new AtomicReference<>();
  private volatile CompletableFuture<Lease> acquiring;
  private volatile boolean callerCancelled;

  ToolCall(
      ToolTarget.InPool target,
      ExecuteRequest workerRequest,
      Deadline deadline,
      ServerCallStreamObserver<C> caller,
      ToolMetrics metrics) {
    this.target = target;
    this.workerRequest = workerRequest;
    this.deadline = deadline;
    this.caller = caller;
    this.metrics = metrics;
    this.timer = metrics.startTimer(target.pool().name(), tool());
  }

  /** Must run inside the gRPC handler: cancellation handlers can only be set there. */
  final void start() {
    acquiring = target.pool().acquire(workerRequest.getSessionId(), deadline);
    caller.setOnCancelHandler(this::onCallerCancelled);
    beforeStart();
    acquiring.whenComplete(
        (lease, failure) -> {
          if (failure != null) {
            fail(failure);
          } else if (callerCancelled) {
            lease.release();
          } else {
            callWorker(lease, workerRequest, deadline, new WorkerObserver(lease));
          }
        });
  }

  /** Hook to register further handlers on the caller's stream (still inside the handler). */
  void beforeStart() {}

  abstract void callWorker(
      Lease lease,
      ExecuteRequest request,
      Deadline deadline,
      ClientResponseObserver<ExecuteRequest, W> observer);

  /** A message from the worker; the lease is still held. */
  abstract void onWorkerMessage(Lease lease, W message);

  /** The worker finished normally: answer the caller. The lease is already released. */
  abstract void onWorkerCompleted();

  /** The worker call's own flow control, for subclasses that relay streams. */
  final ClientCallStreamObserver<ExecuteRequest> workerCall() {
    return workerCall.get();
  }

  final String tool() {
    return workerRequest.getTool();
  }

  final void succeed() {
    timer.stop();
  }

  final void fail(Throwable failure) {
    timer.stop();
    var status = StatusMapper.toStatus(failure);
    metrics.failed(target.pool().name(), tool(), status.getStatus().getCode());
    if (!callerCancelled) {
      caller.onError(status);
    }
  }

  private void onCallerCancelled() {
    callerCancelled = true;
    acquiring.cancel(false);
    ClientCallStreamObserver<ExecuteRequest> call = workerCall.get();
    if (call != null) {
      call.cancel("the caller cancelled", null);
    }
  }

  private final class WorkerObserver implements ClientResponseObserver<ExecuteRequest, W> {
    private final Lease lease;

    WorkerObserver(Lease lease) {
      this.lease = lease;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ExecuteRequest> requestStream) {
      workerCall.set(requestStream);
      prepareWorkerStream(requestStream);
      if (callerCancelled) {
        requestStream.cancel("the caller cancelled", null);
      }
    }

    @Override
    public void onNext(W message) {
      onWorkerMessage(lease, message);
    }

    @Override
    public void onError(Throwable failure) {
      if (callerCancelled && Status.fromThrowable(failure).getCode() == Status.Code.CANCELLED) {
        lease.settleAfterCancel(workerRequest.getCallId());
        timer.stop();
        return;
      }
      WorkerCallFailures.explain(failure, lease, tool()).thenAccept(ToolCall.this::fail);
    }

    @Override
    public void onCompleted() {
      lease.release();
      onWorkerCompleted();
    }
  }

  /** Hook for flow control on the worker call, before it starts. */
  void prepareWorkerStream(ClientCallStreamObserver<ExecuteRequest> requestStream) {}
}
