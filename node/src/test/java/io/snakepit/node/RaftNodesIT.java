package io.snakepit.node;

import static io.snakepit.node.Args.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.Variable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three node processes, each one replica of the Raft session store, on one machine. */
class RaftNodesIT {

  private static final String SESSION = "shared";
  private static final String VARIABLE = "counter";

  @TempDir Path dir;

  private RaftNodes nodes;

  @BeforeEach
  void placeNodes() {
    nodes = new RaftNodes(dir, List.of("a", "b", "c"));
  }

  @AfterEach
  void stopNodes() throws InterruptedException {
    nodes.close();
  }

  @Test
  void aSessionWrittenThroughOneNodeIsSeenThroughEveryOtherAndOutlivesOneNode() throws Exception {
    NodeProcess a = nodes.start("a");
    // One replica of three can elect no leader: the node runs but does not claim to serve.
    assertThat(RaftNodes.health(a)).isEqualTo(ServingStatus.NOT_SERVING);
    NodeProcess b = nodes.start("b");
    NodeProcess c = nodes.start("c");
    RaftNodes.awaitServing(a, Duration.ofSeconds(30));

    a.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId(SESSION).build());
    Variable first = put(a, 1, OptionalLong.empty());
    assertThat(read(b).getValue().getIntValue()).isEqualTo(1);
    assertThat(read(c)).isEqualTo(first);

    Variable second = put(c, 2, OptionalLong.of(first.getVersion()));
    assertThat(second.getVersion()).isGreaterThan(first.getVersion());
    assertThatThrownBy(() -> put(c, 3, OptionalLong.of(first.getVersion())))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.ABORTED));
    assertThat(read(a)).isEqualTo(second);

    // A member that fell behind for good would leave the other two unable to elect a leader.
    RaftNodes.awaitInSync(a, RaftNodes.IN_SYNC);
    b.kill9();
    // When b led the group, the others elect a new leader first; on a loaded machine that can
    // take longer than one call's wait for the group.
    assertThat(
            await()
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> read(a), v -> true))
        .isEqualTo(second);
    Variable whileBWasDown = put(c, 4, OptionalLong.of(second.getVersion()));
    assertThat(read(a)).isEqualTo(whileBWasDown);

    NodeProcess restarted = nodes.start("b");
    assertThat(read(restarted)).isEqualTo(whileBWasDown);
  }

  @Test
  void aMemberRestartedWithAnEmptiedDiskCatchesUpAndTheGroupThenSurvivesLosingAnother()
      throws Exception {
    NodeProcess a = nodes.start("a");
    NodeProcess b = nodes.start("b");
    NodeProcess c = nodes.start("c");
    RaftNodes.awaitServing(a, Duration.ofSeconds(30));
    a.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId(SESSION).build());
    put(a, 1, OptionalLong.empty());
    String leader = RaftNodes.awaitInSync(a, RaftNodes.IN_SYNC).getLeader();
    String emptied = leader.equals("c") ? "b" : "c";
    Map<String, NodeProcess> running = new HashMap<>(Map.of("a", a, "b", b, "c", c));

    running.remove(emptied).terminate();
    nodes.wipe(emptied);
    Variable whileEmptiedWasDown = put(a, 2, OptionalLong.empty());
    NodeProcess restarted = nodes.start(emptied);

    String leaderNow = RaftNodes.awaitInSync(a, RaftNodes.IN_SYNC).getLeader();
    // Losing the leader, unless the emptied member leads, makes the emptied member's vote count:
    // had it not caught up, the other two could elect no leader.
    String lost =
        leaderNow.equals(emptied)
            ? running.keySet().stream().filter(id -> !id.equals("a")).findFirst().orElseThrow()
            : leaderNow;
    running.remove(lost).kill9();
    NodeProcess remaining = running.values().iterator().next();
    assertThat(
            await()
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .until(() -> read(restarted), v -> true))
        .isEqualTo(whileEmptiedWasDown);
    assertThat(read(remaining)).isEqualTo(whileEmptiedWasDown);
  }

  @Test
  void anEmbeddedNodesSessionsMoveIntoTheClusterAndStatusShowsEveryMember() throws Exception {
    Path embeddedData = dir.resolve("single").resolve("data");
    Variable moved;
    try (NodeProcess single =
        NodeProcess.start(embeddedData, dir.resolve("single").resolve("run"), Map.of())) {
      single
          .blocking()
          .createSession(CreateSessionRequest.newBuilder().setSessionId(SESSION).build());
      put(single, 1, OptionalLong.empty());
      moved = put(single, 2, OptionalLong.empty());
    }
    Path dump = dir.resolve("sessions.dump");
    CliProcess export =
        CliProcess.run(
            "store", "export", "--data-dir", embeddedData.toString(), "--out", dump.toString());
    assertThat(export.out()).contains("exported 1 sessions, 1 variables, 0 programs");

    NodeProcess a = nodes.start("a");
    NodeProcess b = nodes.start("b");
    NodeProcess c = nodes.start("c");
    RaftNodes.awaitServing(a, Duration.ofSeconds(30));

    CliProcess imported =
        CliProcess.run("store", "import", "--in", dump.toString(), "--target", b.target());

    assertThat(imported.exitCode()).as(imported.err()).isZero();
    assertThat(imported.out()).contains("the store holds every record of the dump");
    assertThat(read(c)).isEqualTo(moved);
    assertThat(put(a, 3, OptionalLong.of(moved.getVersion())).getVersion())
        .isEqualTo(moved.getVersion() + 1);

    CliProcess healthy =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> CliProcess.run("cluster", "status", "--target", a.target()),
                run -> run.exitCode() == 0);
    assertThat(healthy.out()).containsPattern("(?m)^[abc] .* LEADER +yes");
    assertThat(healthy.out().lines().filter(line -> line.matches("[abc] .* FOLLOWER +yes .*")))
        .hasSize(2);

    c.kill9();
    CliProcess degraded =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> CliProcess.run("cluster", "status", "--target", a.target()),
                run -> run.exitCode() == 3);
    assertThat(degraded.out()).containsPattern("(?m)^c .* no ");
  }

  private static Variable put(NodeProcess node, long value, OptionalLong expectedVersion) {
    PutVariableRequest.Builder put =
        PutVariableRequest.newBuilder()
            .setSessionId(SESSION)
            .setName(VARIABLE)
            .setValue(integer(value));
    expectedVersion.ifPresent(put::setExpectedVersion);
    return node.blocking().putVariable(put.build());
  }

  private static Variable read(NodeProcess node) {
    return node.blocking()
        .getVariable(
            GetVariableRequest.newBuilder().setSessionId(SESSION).setName(VARIABLE).build());
  }
}
