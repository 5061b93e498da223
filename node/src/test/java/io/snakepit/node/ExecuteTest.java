package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static io.snakepit.node.Args.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.ListToolsRequest;
import io.snakepit.api.v1.ListValue;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.ToolError;
import io.snakepit.api.v1.ToolInfo;
import io.snakepit.api.v1.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executes against a real node with real Python workers running the example adapter. */
class ExecuteTest {

  @TempDir static Path dir;
  static TestNode node;

  @BeforeAll
  static void startNode() {
    node = TestNode.start(dir, Map.of("grpc.max-message-size", "1MiB"));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void pingAnswersPongAndSaysWhichWorkerRanIt() {
    var response = node.blocking().execute(call("ping"));

    assertThat(response.getResult().getStringValue()).isEqualTo("pong");
    assertThat(response.getNodeId()).isEqualTo("test");
    assertThat(response.getWorkerId()).startsWith("default-");
  }

  @Test
  void echoRoundTripsEveryKindOfValueExactly() {
    Value nested =
        Value.newBuilder()
            .setMapValue(
                MapValue.newBuilder()
                    .addEntries(entry("z", integer(Long.MAX_VALUE)))
                    .addEntries(entry("a", integer(Long.MIN_VALUE)))
                    .addEntries(entry("f", Value.newBuilder().setDoubleValue(0.1).build()))
                    .addEntries(
                        entry(
                            "raw",
                            Value.newBuilder()
                                .setBytesValue(ByteString.copyFrom(new byte[] {0, -1, 10}))
                                .build()))
                    .addEntries(
                        entry(
                            "list",
                            Value.newBuilder()
                                .setListValue(
                                    ListValue.newBuilder()
                                        .addItems(text("x"))
                                        .addItems(Value.newBuilder().setBoolValue(true))
                                        .addItems(
                                            Value.newBuilder()
                                                .setNullValue(
                                                    io.snakepit.api.v1.NullValue.NULL_VALUE)))
                                .build())))
            .build();

    var response = node.blocking().execute(call("echo", "value", nested));

    assertThat(response.getResult()).isEqualTo(nested);
  }

  @Test
  void addKeepsIntegersIntegral() {
    var response = node.blocking().execute(call("add", "a", integer(2), "b", integer(40)));

    assertThat(response.getResult().getIntValue()).isEqualTo(42);
  }

  @Test
  void theCallersDeadlineReachesThePythonTool() {
    double secondsLeft =
        node.blocking()
            .withDeadlineAfter(5, TimeUnit.SECONDS)
            .execute(call("time_left"))
            .getResult()
            .getDoubleValue();

    assertThat(secondsLeft).isGreaterThan(0).isLessThanOrEqualTo(5);
  }

  @Test
  void withoutACallerDeadlineThePythonToolGetsTheNodesDefault() {
    double secondsLeft =
        SnakepitGrpc.newBlockingStub(node.channel())
            .execute(call("time_left"))
            .getResult()
            .getDoubleValue();

    assertThat(secondsLeft).isGreaterThan(5).isLessThanOrEqualTo(60);
  }

  @Test
  void streamingToolStreamsEveryItemInOrder() {
    List<Long> items = new ArrayList<>();
    node.blocking()
        .executeStream(call("count", "n", integer(5)))
        .forEachRemaining((ExecuteChunk chunk) -> items.add(chunk.getItem().getIntValue()));

    assertThat(items).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void listToolsDescribesTheAdapter() {
    List<ToolInfo> tools =
        node.blocking().listTools(ListToolsRequest.getDefaultInstance()).getToolsList();

    assertThat(tools)
        .extracting(ToolInfo::getName)
        .contains("ping", "echo", "add", "sleep", "fail", "count", "counter");
    ToolInfo count = tools.stream().filter(t -> t.getName().equals("count")).findFirst().get();
    assertThat(count.getStreaming()).isTrue();
    assertThat(count.getPool()).isEqualTo("default");
    assertThat(count.getParametersSchema()).contains("\"n\"").contains("integer");
  }

  @Test
  void unknownToolIsNotFound() {
    assertThatThrownBy(() -> node.blocking().execute(call("no_such_tool")))
        .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "no_such_tool"));
  }

  @Test
  void argumentsThatDoNotFitTheSignatureAreInvalid() {
    assertThatThrownBy(
            () -> node.blocking().execute(call("add", "a", text("two"), "b", integer(1))))
        .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "a"));
    assertThatThrownBy(() -> node.blocking().execute(call("add", "a", integer(1))))
        .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "b"));
  }

  @Test
  void aStreamingToolCalledAsUnaryIsInvalid() {
    assertThatThrownBy(() -> node.blocking().execute(call("count", "n", integer(3))))
        .satisfies(e -> assertStatus(e, Status.Code.INVALID_ARGUMENT, "ExecuteStream"));
  }

  @Test
  void pythonExceptionComesBackTypedWithItsTraceback() {
    StatusRuntimeException error =
        executeFailing(call("fail", "type", text("ValueError"), "message", text("bad input")));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    ToolError detail = toolError(error);
    assertThat(detail.getType()).isEqualTo("builtins.ValueError");
    assertThat(detail.getMessage()).isEqualTo("bad input");
    assertThat(detail.getTraceback()).contains("Traceback").contains("ValueError: bad input");
  }

  @Test
  void preconditionErrorIsFailedPrecondition() {
    StatusRuntimeException error =
        executeFailing(call("fail", "type", text("PreconditionError"), "message", text("not yet")));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(toolError(error).getKind()).isEqualTo(ToolError.Kind.PRECONDITION);
  }

  @Test
  void payloadOverTheLimitIsRejectedAndTheNodeStillServes() {
    Value big =
        Value.newBuilder().setBytesValue(ByteString.copyFrom(new byte[2 * 1024 * 1024])).build();

    assertThatThrownBy(() -> node.blocking().execute(call("echo", "value", big)))
        .satisfies(e -> assertStatus(e, Status.Code.RESOURCE_EXHAUSTED, ""));
    assertThat(node.blocking().execute(call("ping")).getResult().getStringValue())
        .isEqualTo("pong");
  }

  @Test
  void callForAMissingSessionIsNotFound() {
    ExecuteRequest request = call("ping").toBuilder().setSessionId("never-created").build();

    assertThatThrownBy(() -> node.blocking().execute(request))
        .satisfies(e -> assertStatus(e, Status.Code.NOT_FOUND, "never-created"));
  }

  @Test
  void counterIncrementsASessionVariableThroughTheNode() {
    node.blocking()
        .createSession(CreateSessionRequest.newBuilder().setSessionId("counting").build());
    ExecuteRequest increment = call("counter").toBuilder().setSessionId("counting").build();

    node.blocking().execute(increment);
    node.blocking().execute(increment);
    var third = node.blocking().execute(increment);

    assertThat(third.getResult().getIntValue()).isEqualTo(3);
  }

  @Test
  void aToolCallsAnotherToolThroughTheNode() {
    Value args =
        Value.newBuilder()
            .setMapValue(
                MapValue.newBuilder()
                    .addEntries(entry("a", integer(20)))
                    .addEntries(entry("b", integer(22))))
            .build();

    var response = node.blocking().execute(call("call_tool", "tool", text("add"), "args", args));

    assertThat(response.getResult().getIntValue()).isEqualTo(42);
  }

  @Test
  void aFailureOfTheInnerToolReachesTheOuterCaller() {
    Value args =
        Value.newBuilder()
            .setMapValue(
                MapValue.newBuilder()
                    .addEntries(entry("type", text("KeyError")))
                    .addEntries(entry("message", text("inner"))))
            .build();

    StatusRuntimeException error =
        executeFailing(call("call_tool", "tool", text("fail"), "args", args));

    assertThat(toolError(error).getType()).isEqualTo("snakepit.NodeCallError");
    assertThat(toolError(error).getMessage()).contains("UNKNOWN").contains("KeyError");
  }

  @Test
  void aSessionsCallsStayOnTheWorkerThatServedItLast() {
    node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("sticky").build());
    ExecuteRequest ping = call("ping").toBuilder().setSessionId("sticky").build();

    String first = node.blocking().execute(ping).getWorkerId();
    for (int i = 0; i < 5; i++) {
      node.blocking().execute(call("ping")); // calls without a session may move workers around
      assertThat(node.blocking().execute(ping).getWorkerId()).isEqualTo(first);
    }
  }

  @Test
  void manyConcurrentCallsAllSucceedWhileWorkersAreHandedFromCallToCall() throws Exception {
    SnakepitGrpc.SnakepitFutureStub async =
        SnakepitGrpc.newFutureStub(node.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
    List<ListenableFuture<ExecuteResponse>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      calls.add(async.execute(call("add", "a", integer(i), "b", integer(1))));
    }

    for (int i = 0; i < calls.size(); i++) {
      assertThat(calls.get(i).get().getResult().getIntValue()).isEqualTo(i + 1);
    }
  }

  static StatusRuntimeException executeFailing(ExecuteRequest request) {
    try {
      node.blocking().execute(request);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail: " + request);
  }

  static ToolError toolError(StatusRuntimeException error) throws AssertionError {
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(ToolError.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  static void assertStatus(Throwable error, Status.Code code, String messagePart) {
    assertThat(error).isInstanceOf(StatusRuntimeException.class);
    Status status = ((StatusRuntimeException) error).getStatus();
    assertThat(status.getCode()).isEqualTo(code);
    assertThat(status.getDescription()).contains(messagePart);
  }

  private static MapEntry entry(String key, Value value) {
    return MapEntry.newBuilder().setKey(key).setValue(value).build();
  }
}
