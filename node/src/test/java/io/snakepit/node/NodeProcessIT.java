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
import io.snakepit.node.config.StartMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A node as its own process: what kill -9 and a restart from disk do. */
class NodeProcessIT {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(StartMethod.class)
  void killingTheNodeWithSigkillLeavesNoPythonProcessBehind(StartMethod startMethod)
      throws Exception {
    List<Long> leftBehind = new ArrayList<>();
    try (NodeProcess node =
        NodeProcess.start(dir.resolve("data"), dir.resolve("run"), with(startMethod))) {
      long toolChild = node.blocking().execute(call("spawn_child")).getResult().getIntValue();
      node.descendants().forEach(process -> leftBehind.add(process.pid()));
      // Two workers and what a tool started; with fork, the pool's fork server too.
      assertThat(leftBehind)
          .contains(toolChild)
          .hasSize(startMethod == StartMethod.FORK ? 4 : 3)
          .allMatch(ProcessState::running);

      node.kill9();
    }

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(leftBehind).noneMatch(ProcessState::running));
  }

  @ParameterizedTest
  @EnumSource(StartMethod.class)
  void eachWorkersOutputIsInTheNodesLogUnderItsId(StartMethod startMethod) throws Exception {
    try (NodeProcess node =
        NodeProcess.start(dir.resolve("data"), dir.resolve("run"), with(startMethod))) {
      // What each worker logs as it starts, tagged by the node with the worker's id.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                for (String worker : List.of("default-0", "default-1")) {
                  assertThat(node.output())
                      .containsPattern(
                          "\\[" + worker + "] .*worker " + worker + "] snakepit.worker: serving");
                }
              });
    }
  }

  @Test
  void aRestartedNodeKillsASpawnedWorkerThatCouldNotSeeItsPreviousRunDie() throws Exception {
    Path data = dir.resolve("data");
    long stuck;
    try (NodeProcess node =
        NodeProcess.start(data, dir.resolve("run"), with(StartMethod.SPAWN), "--pool-size", "1")) {
      stuck = holdTheGil(node);
      node.kill9();
    }
    // Its stdin watcher needs the GIL, which the stuck call holds: it outlives the node.
    assertSweptByTheNextRun(
        data, stuck, "killing worker pid " + stuck + " left running by a previous run");
  }

  @Test
  void aForkedWorkerStuckHoldingTheGilDiesWithItsNode() throws Exception {
    long stuck;
    try (NodeProcess node =
        NodeProcess.start(dir.resolve("data"), dir.resolve("run"), "--pool-size", "1")) {
      stuck = holdTheGil(node);
      node.kill9();
    }
    // Its fork server sees the end of its stdin and SIGKILLs it: no GIL needed.
    await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.running(stuck));
  }

  @Test
  void aRestartedNodeKillsWhatToolsStartedWhenTheNodeAndItsForkServerDiedTogether()
      throws Exception {
    Path data = dir.resolve("data");
    long worker;
    long toolChild;
    try (NodeProcess node = NodeProcess.start(data, dir.resolve("run"), "--pool-size", "1")) {
      worker = node.blocking().execute(call("pid")).getResult().getIntValue();
      toolChild = node.blocking().execute(call("spawn_child")).getResult().getIntValue();
      ProcessHandle forkServer =
          ProcessHandle.of(worker).flatMap(ProcessHandle::parent).orElseThrow();
      // Frozen, the node cannot clean up after its fork server: as if both were killed at once.
      node.freeze();
      forkServer.destroyForcibly();
      node.kill9();
    }
    // The kernel takes the worker down with its fork server; nobody is left to kill what its
    // tool started.
    await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.running(worker));
    assertSweptByTheNextRun(
        data,
        toolChild,
        "killing pid "
            + toolChild
            + " left running by a previous run of this node: a tool of worker pid "
            + worker
            + " started it");
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

  /** Checks that {@code pid} outlived its node, and that the node's next start killed it. */
  private void assertSweptByTheNextRun(Path data, long pid, String logLine) throws Exception {
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessState.running(pid));

    try (NodeProcess restarted = NodeProcess.start(data, dir.resolve("run"))) {
      await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.running(pid));
      assertThat(restarted.output()).contains(logLine);
    }
  }

  /** Starts a tool that never lets go of the GIL; returns the pid of its worker. */
  private long holdTheGil(NodeProcess node) {
    Path started = dir.resolve("hold-gil-started");
    long worker = node.blocking().execute(call("pid")).getResult().getIntValue();
    SnakepitGrpc.newFutureStub(node.channel())
        .execute(call("hold_gil", "started_marker", text(started.toString())));
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(started));
    return worker;
  }

  private static Map<String, String> with(StartMethod startMethod) {
    return Map.of("SNAKEPIT_POOL_START_METHOD", startMethod.name().toLowerCase(Locale.ROOT));
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
