package io.snakepit.node.execute;

import io.grpc.Status;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.pool.Lease;
import io.snakepit.node.worker.ExitReport;
import io.snakepit.node.worker.Worker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decides what a failed call to a worker means. Whatever it was, the worker is not reused: it is
 * either dead, stuck in a tool past the deadline, or still running a call nobody waits for.
 */
final class WorkerCallFailures {

  /** How long to wait for a worker whose connection broke to report its exit status. */
  private static final long EXIT_WAIT_MILLIS = 2_000;

  private WorkerCallFailures() {}

  /** Ends the lease and explains the failure in terms the caller can act on. */
  static CompletableFuture<NodeException> explain(Throwable failure, Lease lease, String tool) {
    Worker worker = lease.worker();
    Status status = Status.fromThrowable(failure);
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      lease.discard("tool '" + tool + "' overran its deadline");
      return CompletableFuture.completedFuture(
          new NodeException.DeadlineExceeded(
              "tool '"
                  + tool
                  + "' did not finish before the deadline; worker "
                  + worker.id()
                  + " was stopped and is being replaced"));
    }
    if (status.getCode() == Status.Code.CANCELLED) {
      lease.discard("the caller cancelled its call to tool '" + tool + "'");
      return CompletableFuture.completedFuture(
          new NodeException.WorkerUnavailable("the call to tool '" + tool + "' was cancelled"));
    }
    return worker
        .exited()
        .copy()
        .completeOnTimeout(null, EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)
        .thenApply(report -> died(report, lease, tool, status));
  }

  private static NodeException died(ExitReport report, Lease lease, String tool, Status status) {
    Worker worker = lease.worker();
    String what =
        report == null
            ? "failed the call (" + status.getCode() + ": " + status.getDescription() + ")"
            : "died during the call: " + report.describe();
    lease.discard(what);
    return new NodeException.WorkerUnavailable(
        "worker "
            + worker.id()
            + " (pid "
            + worker.pid()
            + ") running tool '"
            + tool
            + "' "
            + what
            + "\nThe worker is being replaced; the call may be retried.");
  }
}
