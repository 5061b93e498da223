package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.GetSessionRequest;
import io.snakepit.api.v1.StoreStatus;
import io.snakepit.router.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fourth node process joins a running three-node Raft cluster through {@code snakepit cluster
 * add}, takes its share of the sessions, and leaves through {@code cluster remove}.
 */
class RaftMembershipIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> SESSIONS =
      IntStream.range(0, 40).mapToObj("s%02d"::formatted).toList();

  @TempDir Path dir;
  private RaftNodes nodes;
  private NodeProcess a;
  private NodeProcess b;
  private NodeProcess c;

  @BeforeEach
  void startCluster() {
    nodes = new RaftNodes(dir, List.of("a", "b", "c"));
    a = nodes.start("a");
    b = nodes.start("b");
    c = nodes.start("c");
    RaftNodes.awaitServing(a, WAIT);
  }

  @AfterEach
  void stopCluster() throws InterruptedException {
    nodes.close();
  }

  @Test
  void aJoiningNodeIsAddedTakesItsShareOfSessionsAndLeavesWhenRemoved() throws Exception {
    SESSIONS.forEach(
        id ->
            a.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId(id).build()));
    long written = RaftNodes.status(a).getCommitIndex();

    NodeProcess d = nodes.join("d");
    CliProcess added =
        CliProcess.run(
            "cluster",
            "add",
            "--id",
            "d",
            "--raft-address",
            nodes.raftAddress("d"),
            "--api-address",
            d.target(),
            "--target",
            b.target());

    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(added.out()).contains("added d; the group has 4 members");
    StoreStatus fromD =
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .until(() -> RaftNodes.status(d), s -> s.getAppliedIndex() >= written);
    assertThat(fromD.getMembersList()).extracting(m -> m.getId()).contains("a", "b", "c", "d");
    SESSIONS.forEach(
        id ->
            assertThat(
                    d.blocking()
                        .getSession(GetSessionRequest.newBuilder().setSessionId(id).build())
                        .getId())
                .isEqualTo(id));
    CliProcess healthy =
        await()
            .atMost(WAIT)
            .until(
                () -> CliProcess.run("cluster", "status", "--target", a.target()),
                run -> run.exitCode() == 0 && memberLines(run) == 4);
    assertThat(healthy.out()).containsPattern("(?m)^d .* yes ");

    // Rendezvous ownership: d takes about a quarter of the sessions, the others keep theirs.
    Map<String, String> owners = owners(List.of("a", "b", "c", "d"));
    assertThat(owners.values().stream().filter("d"::equals).count()).isBetween(5L, 20L);
    await().atMost(WAIT).until(() -> ranOn(a).equals(owners));

    CliProcess removed = CliProcess.run("cluster", "remove", "--id", "d", "--target", c.target());

    assertThat(removed.exitCode()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("removed d; the group has 3 members");
    OptionalInt exit = d.awaitExit(WAIT);
    assertThat(exit).as(d.output()).hasValue(0);
    assertThat(d.output()).contains("node d was removed from the session group");
    CliProcess three =
        await()
            .atMost(WAIT)
            .until(
                () -> CliProcess.run("cluster", "status", "--target", a.target()),
                run -> run.exitCode() == 0 && memberLines(run) == 3);
    assertThat(three.out()).doesNotContainPattern("(?m)^d ");
    Map<String, String> ownersAfter = owners(List.of("a", "b", "c"));
    await().atMost(WAIT).ignoreExceptions().until(() -> ranOn(b).equals(ownersAfter));
    c.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("after").build());
    assertThat(
            a.blocking()
                .getSession(GetSessionRequest.newBuilder().setSessionId("after").build())
                .getId())
        .isEqualTo("after");
  }

  @Test
  void theLeaderRemovedThroughItselfStopsAndTheOthersElectAnotherAndServe() throws Exception {
    a.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("before").build());
    String leader =
        await().atMost(WAIT).until(() -> RaftNodes.status(a).getLeader(), id -> !id.isEmpty());
    Map<String, NodeProcess> byId = Map.of("a", a, "b", b, "c", c);
    NodeProcess leaving = byId.get(leader);

    CliProcess removed =
        CliProcess.run("cluster", "remove", "--id", leader, "--target", leaving.target());

    assertThat(removed.exitCode()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("removed " + leader + "; the group has 2 members");
    assertThat(leaving.awaitExit(WAIT)).as(leaving.output()).hasValue(0);
    NodeProcess staying = byId.get(leader.equals("a") ? "b" : "a");
    CliProcess two =
        await()
            .atMost(WAIT)
            .until(
                () -> CliProcess.run("cluster", "status", "--target", staying.target()),
                run -> run.exitCode() == 0 && memberLines(run) == 2);
    assertThat(two.out()).doesNotContainPattern("(?m)^" + leader + " ");
    staying
        .blocking()
        .createSession(CreateSessionRequest.newBuilder().setSessionId("after").build());
    assertThat(
            staying
                .blocking()
                .getSession(GetSessionRequest.newBuilder().setSessionId("before").build())
                .getId())
        .isEqualTo("before");
  }

  private static Map<String, String> owners(List<String> members) {
    return SESSIONS.stream()
        .collect(
            Collectors.toMap(Function.identity(), id -> Router.owner(id, members).orElseThrow()));
  }

  /** Which node ran a call of each session that entered through {@code entry}. */
  private static Map<String, String> ranOn(NodeProcess entry) {
    return SESSIONS.stream()
        .collect(
            Collectors.toMap(
                Function.identity(),
                id ->
                    entry
                        .blocking()
                        .execute(
                            ExecuteRequest.newBuilder().setSessionId(id).setTool("ping").build())
                        .getNodeId()));
  }

  private static long memberLines(CliProcess status) {
    return status.out().lines().filter(line -> line.matches("[abcd] +127\\.0\\.0\\.1:.*")).count();
  }
}
