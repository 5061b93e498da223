package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.text;
import static io.snakepit.node.ExecuteTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ListToolsRequest;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.ToolError;
import io.snakepit.api.v1.ToolInfo;
import io.snakepit.api.v1.Value;
import io.snakepit.node.tools.JavaTool;
import io.snakepit.node.tools.JavaToolCall;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java tools registered on a real node, called by clients and by real Python workers. */
class JavaToolsTest {

  @TempDir static Path dir;
  static TestNode node;
  static final CountDownLatch slowStarted = new CountDownLatch(1);
  static final AtomicBoolean slowInterrupted = new AtomicBoolean();

  /** An example of a Java tool: binary arguments in, a string out. */
  static final class Sha256 implements JavaTool {
    @Override
    public String name() {
      return "sha256";
    }

    @Override
    public String description() {
      return "The SHA-256 of data, in hex.";
    }

    @Override
    public Object call(JavaToolCall call) throws Exception {
      byte[] data = call.arg("data", byte[].class);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
  }

  /** What a Java tool learns of its call. */
  static final class CallInfo implements JavaTool {
    @Override
    public String name() {
      return "java_call_info";
    }

    @Override
    public String description() {
      return "The call's session and the milliseconds left.";
    }

    @Override
    public Object call(JavaToolCall call) {
      return Map.of(
          "session_id", call.sessionId().orElse(""),
          "time_left_ms", call.timeRemaining().toMillis());
    }
  }

  /** Fails as the argument says. */
  static final class Fails implements JavaTool {
    @Override
    public String name() {
      return "java_fail";
    }

    @Override
    public String description() {
      return "Throws IllegalArgumentException or IllegalStateException.";
    }

    @Override
    public Object call(JavaToolCall call) {
      if (call.arg("bad_arguments", Boolean.class)) {
        throw new IllegalArgumentException("not like this");
      }
      throw new IllegalStateException("broken");
    }
  }

  /** Blocks until interrupted. */
  static final class Slow implements JavaTool {
    @Override
    public String name() {
      return "java_slow";
    }

    @Override
    public String description() {
      return "Sleeps until interrupted.";
    }

    @Override
    public Object call(JavaToolCall call) {
      slowStarted.countDown();
      try {
        Thread.sleep(Duration.ofMinutes(5).toMillis());
      } catch (InterruptedException e) {
        slowInterrupted.set(true);
        Thread.currentThread().interrupt();
      }
      return null;
    }
  }

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            dir,
            Map.of("pool.size", "1"),
            builder ->
                builder
                    .javaTool(new Sha256())
                    .javaTool(new CallInfo())
                    .javaTool(new Fails())
                    .javaTool(new Slow()));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void listToolsShowsTheJavaToolsUnderThePoolJava() {
    var tools = node.blocking().listTools(ListToolsRequest.getDefaultInstance()).getToolsList();

    assertThat(tools)
        .filteredOn(tool -> tool.getPool().equals("java"))
        .extracting(ToolInfo::getName)
        .containsExactly("node_info", "sha256", "java_call_info", "java_fail", "java_slow");
    assertThat(tools).filteredOn(tool -> tool.getPool().equals("default")).isNotEmpty();
    assertThat(
            node.blocking()
                .listTools(ListToolsRequest.newBuilder().setPool("java").build())
                .getToolsList())
        .extracting(ToolInfo::getName)
        .contains("sha256");
  }

  @Test
  void aClientCallsAJavaTool() throws Exception {
    byte[] data = "hello".getBytes(StandardCharsets.UTF_8);

    var response = node.blocking().execute(java(call("sha256", "data", bytes(data))));

    assertThat(response.getResult().getStringValue()).isEqualTo(sha256(data));
    assertThat(response.getWorkerId()).isEqualTo("java");
  }

  @Test
  void aPythonToolCallsAJavaToolInItsSessionWithItsDeadline() throws Exception {
    byte[] data = new byte[] {0, 1, 2, (byte) 255};
    Value digest =
        node.blocking()
            .execute(
                call(
                    "call_tool",
                    "tool",
                    text("sha256"),
                    "pool",
                    text("java"),
                    "args",
                    map("data", bytes(data))))
            .getResult();
    assertThat(digest.getStringValue()).isEqualTo(sha256(data));

    node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("bridge").build());
    ExecuteRequest outer =
        call("call_tool", "tool", text("java_call_info"), "pool", text("java")).toBuilder()
            .setSessionId("bridge")
            .build();
    Value info = node.blocking().withDeadlineAfter(20, TimeUnit.SECONDS).execute(outer).getResult();
    assertThat(entry(info, "session_id").getStringValue()).isEqualTo("bridge");
    assertThat(entry(info, "time_left_ms").getIntValue()).isBetween(1L, 20_000L);
  }

  @Test
  void aPythonToolFindsThePoolsThroughTheBuiltInNodeInfo() {
    Value info =
        node.blocking()
            .execute(call("call_tool", "tool", text("node_info"), "pool", text("java")))
            .getResult();

    assertThat(entry(info, "node_id").getStringValue()).isEqualTo("test");
    Value pools = entry(info, "pools");
    assertThat(pools.getListValue().getItemsList())
        .extracting(pool -> entry(pool, "name").getStringValue())
        .containsExactly("default");
    assertThat(entry(pools.getListValue().getItems(0), "profile").getStringValue())
        .isEqualTo("process");
  }

  @Test
  void aJavaToolsExceptionComesBackTypedWithItsStackTrace() {
    StatusRuntimeException raised =
        executeFailing(java(call("java_fail", "bad_arguments", bool(false))));
    assertThat(raised.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    ToolError error = toolError(raised);
    assertThat(error.getType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.getMessage()).isEqualTo("broken");
    assertThat(error.getTraceback()).contains("JavaToolsTest$Fails.call");

    assertStatus(
        executeFailing(java(call("java_fail", "bad_arguments", bool(true)))),
        Status.Code.INVALID_ARGUMENT,
        "not like this");
    assertStatus(
        executeFailing(java(call("sha256"))), Status.Code.INVALID_ARGUMENT, "missing argument");
  }

  @Test
  void anUnknownJavaToolIsNotFound() {
    assertStatus(
        executeFailing(java(call("nope"))), Status.Code.NOT_FOUND, "pool java has no tool 'nope'");
  }

  @Test
  void aJavaToolStreamsItsResultAsOneItem() {
    Iterator<ExecuteChunk> chunks =
        node.blocking().executeStream(java(call("sha256", "data", bytes(new byte[0]))));

    assertThat(chunks.next().getItem().getStringValue()).hasSize(64);
    assertThat(chunks.hasNext()).isFalse();
  }

  @Test
  void aJavaToolPastItsDeadlineIsInterrupted() {
    assertThatThrownBy(
            () ->
                node.blocking()
                    .withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                    .execute(java(call("java_slow"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

    assertThat(slowStarted.getCount()).isZero();
    await().atMost(Duration.ofSeconds(10)).untilTrue(slowInterrupted);
  }

  private static ExecuteRequest java(ExecuteRequest request) {
    return request.toBuilder().setPool("java").build();
  }

  private static StatusRuntimeException executeFailing(ExecuteRequest request) {
    try {
      node.blocking().execute(request);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("expected the call to fail: " + request);
  }

  private static ToolError toolError(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error).getDetails(0).unpack(ToolError.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static Value bytes(byte[] data) {
    return Value.newBuilder().setBytesValue(ByteString.copyFrom(data)).build();
  }

  private static Value bool(boolean value) {
    return Value.newBuilder().setBoolValue(value).build();
  }

  private static Value map(String key, Value value) {
    return Value.newBuilder()
        .setMapValue(
            MapValue.newBuilder().addEntries(MapEntry.newBuilder().setKey(key).setValue(value)))
        .build();
  }

  private static Value entry(Value map, String key) {
    return map.getMapValue().getEntriesList().stream()
        .filter(entry -> entry.getKey().equals(key))
        .findFirst()
        .orElseThrow()
        .getValue();
  }
}
