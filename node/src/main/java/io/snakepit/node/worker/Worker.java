package io.snakepit.node.worker;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.snakepit.worker.v1.DescribeRequest;
import io.snakepit.worker.v1.DescribeResponse;
import io.snakepit.worker.v1.ExecuteChunk;
import io.snakepit.worker.v1.ExecuteRequest;
import io.snakepit.worker.v1.ExecuteResponse;
import io.snakepit.worker.v1.HealthRequest;
import io.snakepit.worker.v1.HealthResponse;
import io.snakepit.worker.v1.WorkerGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A ready worker: its process and the channel to it. */
public final class Worker {

  private final WorkerProcess process;
  private final ManagedChannel channel;
  private final WorkerGrpc.WorkerStub stub;
  private final DescribeResponse description;
  private final Instant startedAt;

  private Worker(WorkerProcess process, ManagedChannel channel, DescribeResponse description) {
    this.process = process;
    this.channel = channel;
    this.stub = WorkerGrpc.newStub(channel);
    this.description = description;
    this.startedAt = Instant.now();
  }

  static Worker connected(
      WorkerProcess process, ManagedChannel channel, DescribeResponse description) {
    return new Worker(process, channel, description);
  }

  public String id() {
    return process.id();
  }

  public long pid() {
    return process.pid();
  }

  /** The adapter's tools as this worker describes them. */
  public DescribeResponse description() {
    return description;
  }

  /** When the worker became ready, for its maximum lifetime. */
  public Instant startedAt() {
    return startedAt;
  }

  /** Asks the worker how it is; fails when it does not answer within {@code timeout}. */
  public CompletableFuture<HealthResponse> health(Duration timeout) {
    return health(HealthRequest.getDefaultInstance(), timeout);
  }

  /** Asks the worker whether the call with this id still runs. */
  public CompletableFuture<Boolean> isRunning(String callId, Duration timeout) {
    return health(HealthRequest.newBuilder().setCallId(callId).build(), timeout)
        .thenApply(HealthResponse::getCallRunning);
  }

  private CompletableFuture<HealthResponse> health(HealthRequest request, Duration timeout) {
    UnaryAnswer<HealthResponse> answer = new UnaryAnswer<>();
    Context.ROOT.run(
        () ->
            stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .health(request, answer));
    return answer.future();
  }

  public CompletableFuture<ExitReport> exited() {
    return process.exited();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Calls the worker. The call runs in the root gRPC context, not in whatever context the calling
   * thread carries: a call handed a worker when another call finished would otherwise inherit that
   * finished call's context and be cancelled with it. Deadline and cancellation are explicit.
   */
  public void execute(
      ExecuteRequest request, Deadline deadline, StreamObserver<ExecuteResponse> observer) {
    Context.ROOT.run(() -> stub.withDeadline(deadline).execute(request, observer));
  }

  /** Like {@link #execute}, for streaming tools. */
  public void executeStream(
      ExecuteRequest request, Deadline deadline, StreamObserver<ExecuteChunk> observer) {
    Context.ROOT.run(() -> stub.withDeadline(deadline).executeStream(request, observer));
  }

  /** SIGKILL: for a worker stuck past its call's deadline. */
  public void kill() {
    channel.shutdownNow();
    process.kill();
  }

  /** Lets the worker exit by itself, killing it after the grace period. */
  public void stop(long graceMillis) {
    channel.shutdown();
    process.stop(graceMillis);
    channel.shutdownNow();
  }

  static DescribeResponse describe(ManagedChannel channel, long timeoutMillis) {
    return WorkerGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
        .describe(DescribeRequest.getDefaultInstance());
  }
}
