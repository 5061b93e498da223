package io.snakepit.client;

import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One call of a tool, configured fluently and run by one of the {@code execute}, {@code stream} or
 * {@code publisher} methods:
 *
 * <pre>{@code
 * Object sum = client.call("add").arg("a", 1).arg("b", 2).session("s1").execute();
 * }</pre>
 *
 * <p>Arguments are converted with {@link Values#toValue} when added, so a bad one fails at once. A
 * ToolCall is a builder, not thread-safe; it may be run more than once.
 */
public final class ToolCall {

  private final StubFactory stubs;
  private final String tool;
  private final Map<String, Value> args = new LinkedHashMap<>();
  private final Map<String, String> requirements = new LinkedHashMap<>();
  private String sessionId = "";
  private String pool = "";
  private Duration timeout;

  ToolCall(StubFactory stubs, String tool) {
    this.stubs = stubs;
    this.tool = Objects.requireNonNull(tool, "tool");
    this.timeout = stubs.defaultTimeout();
  }

  /** Adds a keyword argument, replacing one of the same name. */
  public ToolCall arg(String name, Object value) {
    args.put(Objects.requireNonNull(name, "name"), Values.toValue(value));
    return this;
  }

  /** Adds every entry as a keyword argument, in the map's order. */
  public ToolCall args(Map<String, ?> values) {
    values.forEach(this::arg);
    return this;
  }

  /** The session whose variables the tool may use and whose worker affinity applies. */
  public ToolCall session(String sessionId) {
    this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
    return this;
  }

  /** The pool to run in; the node's default pool unless set. */
  public ToolCall pool(String pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
    return this;
  }

  /**
   * A label the pool that runs the call must declare, such as {@code requires("gpu", "true")};
   * repeatable. Without a pool named, the call runs in a pool that declares every required label,
   * on the node entered or another live one.
   */
  public ToolCall requires(String label, String value) {
    requirements.put(
        Objects.requireNonNull(label, "label"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * The call's deadline, counted from when it is run (for a publisher: from each subscription); the
   * client's default timeout unless set. It covers a whole stream, not each item.
   */
  public ToolCall timeout(Duration timeout) {
    this.timeout = SnakepitClientBuilder.requirePositive(timeout);
    return this;
  }

  /** Runs the tool and returns its result as {@link Values#toJava} converts it. */
  public Object execute() {
    return executeDetailed().result();
  }

  /** Runs the tool and returns its result with the node and worker that ran it. */
  public ExecuteResult executeDetailed() {
    // Not repeatable: a node that received the call may have run the tool.
    ExecuteRequest request = request();
    return ExecuteResult.from(
        stubs.blocking(Failover.Safety.ONCE, timeout, stub -> stub.execute(request)));
  }

  /**
   * Runs the tool without blocking. The future fails with a {@link SnakepitException}; cancelling
   * it cancels the call on the node.
   */
  public CompletableFuture<Object> executeAsync() {
    AsyncExecution execution = new AsyncExecution();
    stubs.async(timeout).execute(request(), execution);
    return execution.result();
  }

  /** Runs a streaming tool; close the stream to stop early. */
  public ToolStream stream() {
    return ToolStream.open(stubs.blocking(timeout), request());
  }

  /**
   * A publisher of a streaming tool's items that sends the node only the demand its subscriber
   * signals; each subscription runs the tool once. Items are delivered on gRPC's threads.
   */
  public Flow.Publisher<Object> publisher() {
    ExecuteRequest request = request();
    Duration callTimeout = timeout;
    return new ToolPublisher(() -> stubs.async(callTimeout), request);
  }

  ExecuteRequest request() {
    MapValue.Builder arguments = MapValue.newBuilder();
    args.forEach(
        (name, value) -> arguments.addEntries(MapEntry.newBuilder().setKey(name).setValue(value)));
    return ExecuteRequest.newBuilder()
        .setTool(tool)
        .setSessionId(sessionId)
        .setPool(pool)
        .putAllRequires(requirements)
        .setArgs(arguments)
        .build();
  }
}
