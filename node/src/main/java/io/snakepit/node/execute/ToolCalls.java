package io.snakepit.node.execute;

import com.codahale.metrics.MetricRegistry;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.node.api.StoreGateway;
import io.snakepit.node.errors.StatusMapper;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Starts executes: checks the request, finds the pool and tool, and runs the call. */
public final class ToolCalls {

  private final PoolRegistry pools;
  private final StoreGateway sessions;
  private final String nodeId;
  private final Duration defaultTimeout;
  private final ToolMetrics metrics;
  private final AtomicLong callIds = new AtomicLong();

  public ToolCalls(
      PoolRegistry pools,
      StoreGateway sessions,
      String nodeId,
      Duration defaultTimeout,
      MetricRegistry registry) {
    this.pools = pools;
    this.sessions = sessions;
    this.nodeId = nodeId;
    this.defaultTimeout = defaultTimeout;
    this.metrics = new ToolMetrics(registry);
  }

  /** Runs a unary execute; every failure reaches the caller as a status. */
  public void execute(ExecuteRequest request, ServerCallStreamObserver<ExecuteResponse> caller) {
    try {
      PoolRegistry.ToolTarget target = prepare(request);
      new UnaryToolCall(target, workerRequest(request), deadline(), caller, metrics, nodeId)
          .start();
    } catch (RuntimeException e) {
      caller.onError(StatusMapper.toStatus(e));
    }
  }

  /** Runs a streaming execute; every failure reaches the caller as a status. */
  public void executeStream(ExecuteRequest request, ServerCallStreamObserver<ExecuteChunk> caller) {
    try {
      PoolRegistry.ToolTarget target = prepare(request);
      new StreamingToolCall(target, workerRequest(request), deadline(), caller, metrics).start();
    } catch (RuntimeException e) {
      caller.onError(StatusMapper.toStatus(e));
    }
  }

  private PoolRegistry.ToolTarget prepare(ExecuteRequest request) {
    PoolRegistry.ToolTarget target = pools.resolve(request.getPool(), request.getTool());
    if (!request.getSessionId().isEmpty()) {
      sessions.requireSession(request.getSessionId());
    }
    return target;
  }

  private io.snakepit.worker.v1.ExecuteRequest workerRequest(ExecuteRequest request) {
    return io.snakepit.worker.v1.ExecuteRequest.newBuilder()
        .setTool(request.getTool())
        .setArgs(request.getArgs())
        .setSessionId(request.getSessionId())
        .setCallId(nodeId + "-" + callIds.incrementAndGet())
        .build();
  }

  /** The caller's deadline, or the node's default when the caller set none. */
  private Deadline deadline() {
    Deadline callerDeadline = Context.current().getDeadline();
    return callerDeadline != null
        ? callerDeadline
        : Deadline.after(defaultTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
