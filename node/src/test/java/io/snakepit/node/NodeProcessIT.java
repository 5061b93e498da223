package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static io.snakepit.node.Args.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.GetSessionRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node as its own process: what kill -9 and a restart from disk do. */
class NodeProcessIT {

  @TempDir Path dir;

  @Test
  void killingTheNodeWithSigkillLeavesNoPythonProcessBehind() throws Exception {
    List<Long> leftBehind = new ArrayList<>();
    try (NodeProcess node = NodeProcess.start(dir.resolve("data"), dir.resolve("run"))) {
      leftBehind.add(node.blocking().execute(call("spawn_child")).getResult().getIntValue());
      node.workers().forEach(worker -> leftBehind.add(worker.pid()));
      assertThat(leftBehind).hasSize(3).allMatch(ProcessState::running);

      node.kill9();
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(leftBehind).noneMatch(ProcessState::running));
  }

  @Test
  void aRestartedNodeKillsAWorkerThatCouldNotSeeItsPreviousRunDie() throws Exception {
    Path data = dir.resolve("data");
    Path started = dir.resolve("hold-gil-started");
    long stuck;
    try (NodeProcess node = NodeProcess.start(data, dir.resolve("run"), "--pool-size", "1")) {
      stuck = node.blocking().execute(call("pid")).getResult().getIntValue();
      SnakepitGrpc.newFutureStub(node.channel())
          .execute(call("hold_gil", "started_marker", text(started.toString())));
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
      node.kill9();
    }
    // Its stdin watcher needs the GIL, which the stuck call holds: it outlives the node.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessState.running(stuck));

    try (NodeProcess restarted = NodeProcess.start(data, dir.resolve("run"))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.running(stuck));
      assertThat(restarted.output()).contains("left running by a previous run");
    }
  }

  @Test
  void sessionsAndVariablesSurviveARestartEvenAfterSigkill() throws Exception {
    Path data = dir.resolve("data");
    try (NodeProcess node = NodeProcess.start(data, dir.resolve("run"))) {
      node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("kept").build());
      node.blocking()
          .putVariable(
              PutVariableRequest.newBuilder()
                  .setSessionId("kept")
                  .setName("answer")
                  .setValue(integer(42))
                  .build());
      node.kill9();
    }

    try (NodeProcess restarted = NodeProcess.start(data, dir.resolve("run"))) {
      assertThat(
              restarted
                  .blocking()
                  .getSession(GetSessionRequest.newBuilder().setSessionId("kept").build())
                  .getId())
          .isEqualTo("kept");
      assertThat(
              restarted
                  .blocking()
                  .getVariable(
                      GetVariableRequest.newBuilder()
                          .setSessionId("kept")
                          .setName("answer")
                          .build())
                  .getValue()
                  .getIntValue())
          .isEqualTo(42);
      restarted.terminate();
      assertThat(restarted.output()).contains("stopped");
    }
  }

  @Test
  void cliCallPrintsResultsAsJsonAndPythonErrorsWithTheirTraceback() throws Exception {
    try (NodeProcess node = NodeProcess.start(dir.resolve("data"), dir.resolve("run"))) {
      CliProcess ping = CliProcess.run("call", "ping", "--target", node.target());
      assertThat(ping.exitCode()).as(ping.err()).isZero();
      assertThat(ping.out()).isEqualTo("\"pong\"" + System.lineSeparator());

      // A list of nodes: the first refuses the connection, the call goes to the next.
      CliProcess failover =
          CliProcess.run("call", "ping", "--target", "127.0.0.1:1," + node.target());
      assertThat(failover.exitCode()).as(failover.err()).isZero();
      assertThat(failover.out().strip()).isEqualTo("\"pong\"");

      // 2^53 + 1: exact only if no step of the way goes through a double.
      CliProcess add =
          CliProcess.run(
              "call",
              "add",
              "--args",
              "{\"a\": 9007199254740993, \"b\": 1}",
              "--target",
              node.target());
      assertThat(add.exitCode()).as(add.err()).isZero();
      assertThat(add.out().strip()).isEqualTo("9007199254740994");

      CliProcess fail =
          CliProcess.run(
              "call",
              "fail",
              "--args",
              "{\"type\":\"KeyError\",\"message\":\"k\"}",
              "--target",
              node.target());
      assertThat(fail.exitCode()).isNotZero();
      assertThat(fail.out()).isEmpty();
      assertThat(fail.err()).contains("KeyError").contains("Traceback");
    }
  }

  @Test
  void cliListsToolsAndTheSessionsItCreated() throws Exception {
    try (NodeProcess node = NodeProcess.start(dir.resolve("data"), dir.resolve("run"))) {
      CliProcess tools = CliProcess.run("tools", "--target", node.target());
      assertThat(tools.exitCode()).as(tools.err()).isZero();
      assertThat(firstColumn(tools.out())).contains("ping", "count");

      CliProcess create = CliProcess.run("sessions", "create", "s1", "--target", node.target());
      assertThat(create.exitCode()).as(create.err()).isZero();
      assertThat(create.out()).contains("s1");

      CliProcess sessions = CliProcess.run("sessions", "--target", node.target());
      assertThat(sessions.exitCode()).as(sessions.err()).isZero();
      assertThat(firstColumn(sessions.out())).contains("s1");
    }
  }

  @Test
  void aConfigFileDeclaresAFurtherPoolThatTheCliNames() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("snakepit.yaml"),
            """
            pools:
              threads:
                adapter: snakepit.examples.threaded_adapter:ThreadedAdapter
                profile: thread
                size: 1
            """);
    try (NodeProcess node =
        NodeProcess.start(dir.resolve("data"), dir.resolve("run"), "--config", config.toString())) {
      CliProcess meet =
          CliProcess.run(
              "call",
              "meet",
              "--pool",
              "threads",
              "--args",
              "{\"parties\": 1}",
              "--target",
              node.target());
      assertThat(meet.exitCode()).as(meet.err()).isZero();

      CliProcess tools = CliProcess.run("tools", "--target", node.target());
      assertThat(tools.exitCode()).as(tools.err()).isZero();
      assertThat(tools.out()).contains("meet").contains("threads").contains("node_info");

      CliProcess info =
          CliProcess.run("call", "node_info", "--pool", "java", "--target", node.target());
      assertThat(info.exitCode()).as(info.err()).isZero();
      assertThat(info.out()).contains("\"name\":\"threads\"").contains("\"profile\":\"thread\"");
    }
  }

  /** The first word of every line of a table. */
  private static List<String> firstColumn(String table) {
    return table.lines().map(line -> line.strip().split("\\s+")[0]).toList();
  }
}
