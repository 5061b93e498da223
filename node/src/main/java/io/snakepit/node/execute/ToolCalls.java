package io.snakepit.node.execute;

import com.codahale.metrics.MetricRegistry;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.Value;
import io.snakepit.node.api.StoreGateway;
import io.snakepit.node.errors.StatusMapper;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Starts executes: checks the request, finds the pool and tool, and runs the call. */
public final class ToolCalls implements Executions {

  private final PoolRegistry pools;
  private final StoreGateway sessions;
  private final String nodeId;
  private final Duration defaultTimeout;
  private final ToolMetrics metrics;
  private final JavaToolRunner javaTools;
  private final AtomicLong callIds = new AtomicLong();

  /**
   * @param javaToolThreads where the node's Java tools run
   * @param scheduler ends Java tool calls at their deadline
   */
  public ToolCalls(
      PoolRegistry pools,
      StoreGateway sessions,
      String nodeId,
      Duration defaultTimeout,
      MetricRegistry registry,
      ExecutorService javaToolThreads,
      ScheduledExecutorService scheduler) {
    this.pools = pools;
    this.sessions = sessions;
    this.nodeId = nodeId;
    this.defaultTimeout = defaultTimeout;
    this.metrics = new ToolMetrics(registry);
    this.javaTools = new JavaToolRunner(javaToolThreads, scheduler, metrics);
  }

  /** Runs a unary execute; every failure reaches the caller as a status. */
  @Override
  public void execute(ExecuteRequest request, ServerCallStreamObserver<ExecuteResponse> caller) {
    start(
        request,
        caller,
        this::javaToolResponse,
        (target, workerRequest, deadline) ->
            new UnaryToolCall(target, workerRequest, deadline, caller, metrics, nodeId));
  }

  /**
   * Runs a streaming execute; every failure reaches the caller as a status. A tool that does not
   * stream sends its result as the one item, as Python tools do.
   */
  @Override
  public void executeStream(ExecuteRequest request, ServerCallStreamObserver<ExecuteChunk> caller) {
    start(
        request,
        caller,
        value -> ExecuteChunk.newBuilder().setItem(value).build(),
        (target, workerRequest, deadline) ->
            new StreamingToolCall(target, workerRequest, deadline, caller, metrics));
  }

  private <C> void start(
      ExecuteRequest request,
      ServerCallStreamObserver<C> caller,
      Function<Value, C> javaToolAnswer,
      WorkerCallFactory<C> workerCall) {
    try {
      ToolTarget target = prepare(request);
      if (target instanceof ToolTarget.InJava java) {
        javaTools.run(java.tool(), request, deadline(), caller, javaToolAnswer);
      } else {
        workerCall.create((ToolTarget.InPool) target, workerRequest(request), deadline()).start();
      }
    } catch (RuntimeException e) {
      caller.onError(StatusMapper.toStatus(e));
    }
  }

  /** Builds the call of a Python tool, relaying the worker's answer as the caller expects it. */
  private interface WorkerCallFactory<C> {
    ToolCall<?, C> create(
        ToolTarget.InPool target,
        io.snakepit.worker.v1.ExecuteRequest workerRequest,
        Deadline deadline);
  }

  private ExecuteResponse javaToolResponse(Value result) {
    return ExecuteResponse.newBuilder()
        .setResult(result)
        .setNodeId(nodeId)
        .setWorkerId(JavaToolRunner.WORKER_ID)
        .build();
  }

  private ToolTarget prepare(ExecuteRequest request) {
    ToolTarget target = pools.resolve(request.getPool(), request.getTool());
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
