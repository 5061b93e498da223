package io.snakepit.node.execute;

import com.codahale.metrics.Timer;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ToolError;
import io.snakepit.api.v1.Value;
import io.snakepit.client.Values;
import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.errors.StatusMapper;
import io.snakepit.node.tools.JavaTool;
import io.snakepit.node.tools.JavaToolCall;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the node's Java tools on the node's own threads: within the caller's deadline, interrupted
 * when it passes or the caller cancels, with failures reported as a Python tool's would be.
 */
final class JavaToolRunner {

  /** What ExecuteResponse.worker_id says of a call that a Java tool answered. */
  static final String WORKER_ID = "java";

  private final ExecutorService threads;
  private final ScheduledExecutorService scheduler;
  private final ToolMetrics metrics;

  JavaToolRunner(ExecutorService threads, ScheduledExecutorService scheduler, ToolMetrics metrics) {
    this.threads = threads;
    this.scheduler = scheduler;
    this.metrics = metrics;
  }

  /**
   * Starts the call; must run inside the gRPC handler, where cancellation handlers can be set.
   *
   * @param answer turns the result into what the caller receives (a response, or a stream's one
   *     item)
   */
  <C> void run(
      JavaTool tool,
      ExecuteRequest request,
      Deadline deadline,
      ServerCallStreamObserver<C> caller,
      Function<Value, C> answer) {
    JavaToolCall call =
        new JavaToolCall(Values.toJavaMap(request.getArgs()), request.getSessionId(), deadline);
    Timer.Context timer = metrics.startTimer(NodeConfig.JAVA_TOOLS_POOL, tool.name());
    CompletableFuture<Value> outcome = new CompletableFuture<>();
    Future<?> running = threads.submit(() -> settle(outcome, tool, call));
    // Whoever ends the call first wins; a tool still running then is interrupted.
    ScheduledFuture<?> expiry =
        scheduler.schedule(
            () -> {
              if (outcome.completeExceptionally(
                  new NodeException.DeadlineExceeded(
                      "Java tool '" + tool.name() + "' did not finish before the deadline"))) {
                running.cancel(true);
              }
            },
            deadline.timeRemaining(TimeUnit.NANOSECONDS),
            TimeUnit.NANOSECONDS);
    caller.setOnCancelHandler(
        () -> {
          if (outcome.cancel(false)) {
            running.cancel(true);
          }
        });
    outcome.whenComplete(
        (value, failure) -> {
          expiry.cancel(false);
          timer.stop();
          if (failure == null) {
            caller.onNext(answer.apply(value));
            caller.onCompleted();
          } else if (!(failure instanceof CancellationException)) {
            var status = StatusMapper.toStatus(failure);
            metrics.failed(NodeConfig.JAVA_TOOLS_POOL, tool.name(), status.getStatus().getCode());
            caller.onError(status);
          }
        });
  }

  private static void settle(CompletableFuture<Value> outcome, JavaTool tool, JavaToolCall call) {
    try {
      outcome.complete(result(tool, call));
    } catch (RuntimeException e) {
      outcome.completeExceptionally(e);
    } catch (Error e) {
      outcome.completeExceptionally(e); // the caller gets INTERNAL rather than waiting in vain
      throw e;
    }
  }

  /** Runs the tool; its failures come out as {@link NodeException.ToolFailed}. */
  private static Value result(JavaTool tool, JavaToolCall call) {
    Object result;
    try {
      result = tool.call(call);
    } catch (Exception e) {
      throw new NodeException.ToolFailed(toolError(e, e instanceof IllegalArgumentException));
    }
    try {
      return Values.toValue(result);
    } catch (IllegalArgumentException e) {
      throw new NodeException.ToolFailed(
          toolError(
              new IllegalStateException(
                  "the result of Java tool '" + tool.name() + "' is not a Value: " + e.getMessage(),
                  e),
              false));
    }
  }

  private static ToolError toolError(Throwable failure, boolean badArguments) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    return ToolError.newBuilder()
        .setKind(badArguments ? ToolError.Kind.BAD_ARGUMENTS : ToolError.Kind.RAISED)
        .setType(failure.getClass().getName())
        .setMessage(Objects.toString(failure.getMessage(), ""))
        .setTraceback(trace.toString())
        .build();
  }
}
