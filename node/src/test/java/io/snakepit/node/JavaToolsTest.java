package io.snakepit.node;

import static io.snakepit.node.Args.bool;
import static io.snakepit.node.Args.bytes;
import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.field;
import static io.snakepit.node.Args.map;
import static io.snakepit.node.Args.text;
import static io.snakepit.node.ExecuteTest.assertStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ListToolsRequest;
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
      return sha256(call.arg("data", byte[].class));
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
                    .javaTool(
                        JavaTool.of(
                            "java_call_info",
                            "The call's session and the milliseconds left.",
                            call ->
                                Map.of(
                                    "session_id", call.sessionId().orElse(""),
                                    "time_left_ms", call.timeRemaining().toMillis())))
                    .javaTool(JavaTool.of("java_fail", "Throws as told.", JavaToolsTest::fail))
                    .javaTool(
                        JavaTool.of(
                            "java_slow", "Sleeps until interrupted.", JavaToolsTest::slow)));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static Object fail(JavaToolCall call) {
    if (call.arg("bad_arguments", Boolean.class)) {
      throw new IllegalArgumentException("not like this");
    }
    throw new IllegalStateException("broken");
  }

  private static Object slow(JavaToolCall call) {
    slowStarted.countDown();
    try {
      Thread.sleep(Duration.ofMinutes(5).toMillis());
    } catch (InterruptedException e) {
      slowInterrupted.set(true);
      Thread.currentThread().interrupt();
    }
    return null;
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
    assertThat(field(info, "session_id").getStringValue()).isEqualTo("bridge");
    // Not the node's default of 60 s: the caller's 20 s, less what passed, plus up to a fraction
    // of a second that gRPC's C core adds when it rounds the Python side's timeout up to encode it.
    assertThat(field(info, "time_left_ms").getIntValue()).isBetween(1L, 21_000L);
  }

  @Test
  void aPythonToolFindsThePoolsThroughTheBuiltInNodeInfo() {
    Value info =
        node.blocking()
            .execute(call("call_tool", "tool", text("node_info"), "pool", text("java")))
            .getResult();

    assertThat(field(info, "node_id").getStringValue()).isEqualTo("test");
    Value pools = field(info, "pools");
    assertThat(pools.getListValue().getItemsList())
        .extracting(pool -> field(pool, "name").getStringValue())
        .containsExactly("default");
    assertThat(field(pools.getListValue().getItems(0), "profile").getStringValue())
        .isEqualTo("process");
  }

  @Test
  void aJavaToolsExceptionComesBackTypedWithItsStackTrace() {
    StatusRuntimeException raised =
        executeFailing(java(call("java_fail", "bad_arguments", bool(false))));
    assertThat(raised.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
    ToolError error = ExecuteTest.toolError(raised);
    assertThat(error.getType()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.getMessage()).isEqualTo("broken");
    assertThat(error.getTraceback()).contains("JavaToolsTest.fail(");

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
    return catchThrowableOfType(
        StatusRuntimeException.class, () -> node.blocking().execute(request));
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
