package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.decimal;
import static io.snakepit.node.Args.field;
import static io.snakepit.node.Args.integer;
import static io.snakepit.node.Args.map;
import static io.snakepit.node.Args.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ListToolsRequest;
import io.snakepit.api.v1.ToolInfo;
import io.snakepit.api.v1.Value;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.ToolDescription;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with two pools of real workers running different adapters: the default pool (the example
 * adapter, one call per worker) and "threads" (the threaded adapter, with the thread profile).
 */
class SeveralPoolsTest {

  @TempDir static Path dir;
  static TestNode node;

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            dir,
            Map.of(
                "pool.size", "1",
                "pools.threads.adapter", "snakepit.examples.threaded_adapter:ThreadedAdapter",
                "pools.threads.profile", "thread",
                "pools.threads.threads", "2"));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void listToolsShowsEachPoolsToolsUnderItsName() {
    List<ToolInfo> tools =
        node.blocking().listTools(ListToolsRequest.getDefaultInstance()).getToolsList();
    Map<String, List<String>> byPool =
        tools.stream()
            .collect(
                Collectors.groupingBy(
                    ToolInfo::getPool, Collectors.mapping(ToolInfo::getName, Collectors.toList())));

    assertThat(byPool.get("default")).contains("ping", "call_tool").doesNotContain("meet");
    assertThat(byPool.get("threads")).contains("meet", "call_info").doesNotContain("ping");
    assertThat(
            node.blocking()
                .listTools(ListToolsRequest.newBuilder().setPool("threads").build())
                .getToolsList())
        .extracting(ToolInfo::getPool)
        .containsOnly("threads");
  }

  @Test
  void aCallRunsInThePoolItNamesAndInTheDefaultPoolOtherwise() {
    assertThat(node.blocking().execute(inPool("threads", call("pid"))).getWorkerId())
        .startsWith("threads-");
    assertThat(node.blocking().execute(call("pid")).getWorkerId()).startsWith("default-");
  }

  @Test
  void theSdkNamesAPoolAndListsEachPoolsTools() {
    try (SnakepitClient client = SnakepitClient.connect("127.0.0.1:" + node.node().grpcPort())) {
      assertThat(client.call("pid").pool("threads").executeDetailed().workerId())
          .startsWith("threads-");
      assertThat(client.listTools())
          .filteredOn(tool -> tool.name().equals("meet"))
          .extracting(ToolDescription::pool)
          .containsExactly("threads");
    }
  }

  @Test
  void aToolNotInTheNamedPoolIsNotFound() {
    assertThatThrownBy(() -> node.blocking().execute(inPool("threads", call("ping"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .contains("pool threads has no tool 'ping'");
            });
  }

  @Test
  void anUnknownPoolIsNotFoundAndTheMessageNamesThePools() {
    assertThatThrownBy(() -> node.blocking().execute(inPool("gpu", call("ping"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription())
                  .contains("no pool named 'gpu'")
                  .contains("default")
                  .contains("threads");
            });
  }

  @Test
  void aToolCallsAToolOfAnotherPoolInItsSessionWithWhatIsLeftOfItsDeadline() {
    node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("across").build());
    ExecuteRequest outer =
        call("call_tool", "tool", text("call_info"), "pool", text("threads")).toBuilder()
            .setSessionId("across")
            .build();

    Value info = node.blocking().withDeadlineAfter(20, TimeUnit.SECONDS).execute(outer).getResult();

    assertThat(field(info, "session_id").getStringValue()).isEqualTo("across");
    // Not the node's default of 60 s: the caller's 20 s, less what passed, plus up to a fraction
    // of a second that gRPC's C core adds when it rounds the Python side's timeout up to encode it.
    assertThat(field(info, "time_left").getDoubleValue()).isBetween(0.0, 21.0);
    long threadsPid =
        node.blocking().execute(inPool("threads", call("pid"))).getResult().getIntValue();
    assertThat(field(info, "pid").getIntValue()).isEqualTo(threadsPid);
  }

  @Test
  void aToolOfAnotherPoolThatFailsFailsTheOuterCallWithItsStatus() {
    ExecuteRequest outer =
        call(
            "call_tool",
            "tool",
            text("meet"),
            "pool",
            text("threads"),
            "args",
            map("parties", integer(2), "timeout", decimal(0.05)));

    assertThatThrownBy(() -> node.blocking().execute(outer))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).contains("FAILED_PRECONDITION"));
  }

  private static ExecuteRequest inPool(String pool, ExecuteRequest request) {
    return request.toBuilder().setPool(pool).build();
  }
}
