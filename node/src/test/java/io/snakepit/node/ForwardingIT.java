package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.Value;
import io.snakepit.router.Rendezvous;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes with the Raft store: a session's calls run on the node that owns it,
 * whichever node they enter through, and on the next node when the owner dies.
 */
class ForwardingIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> IDS = List.of("a", "b", "c");

  @TempDir Path dir;
  private RaftNodes nodes;
  private final Map<String, NodeProcess> byId = new LinkedHashMap<>();

  @BeforeEach
  void startCluster() {
    nodes = new RaftNodes(dir, IDS);
    // Only b's pool declares a GPU: calls that require one go there.
    IDS.forEach(
        id ->
            byId.put(
                id,
                nodes.start(
                    id, id.equals("b") ? Map.of("SNAKEPIT_POOL_LABELS", "gpu=true") : Map.of())));
    await().atMost(WAIT).until(() -> RaftNodes.health(byId.get("a")) == ServingStatus.SERVING);
  }

  @AfterEach
  void stopCluster() throws InterruptedException {
    nodes.close();
  }

  @Test
  void aSessionsCallsRunOnItsOwnerWhicheverNodeTheyEnterThrough() {
    String session = sessionOwnedBy("b");
    byId.get("a")
        .blocking()
        .createSession(CreateSessionRequest.newBuilder().setSessionId(session).build());

    for (NodeProcess entry : byId.values()) {
      ExecuteResponse response =
          await().atMost(WAIT).until(() -> counter(entry, session), r -> r.getNodeId().equals("b"));
      assertThat(response.getNodeId()).isEqualTo("b");
    }
    // One worker on b served them all, so the session variable counted every call.
    assertThat(counter(byId.get("c"), session).getResult().getIntValue()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void aStreamEnteringThroughAnotherNodeRunsOnTheOwnerAndArrivesWhole() {
    String session = sessionOwnedBy("c");
    byId.get("a")
        .blocking()
        .createSession(CreateSessionRequest.newBuilder().setSessionId(session).build());
    await().atMost(WAIT).until(() -> counter(byId.get("a"), session).getNodeId().equals("c"));

    assertThat(count(byId.get("a"), session, 5)).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void whenTheOwnerDiesItsSessionsCallsRunOnTheNextNode() throws InterruptedException {
    String session = sessionOwnedBy("b");
    byId.get("a")
        .blocking()
        .createSession(CreateSessionRequest.newBuilder().setSessionId(session).build());
    await().atMost(WAIT).until(() -> counter(byId.get("a"), session).getNodeId().equals("b"));
    // Only a group whose members all caught up survives losing any one of them.
    RaftNodes.awaitInSync(byId.get("a"), RaftNodes.IN_SYNC);

    byId.get("b").kill9();

    String next = Rendezvous.order(session, List.of("a", "c")).get(0);
    ExecuteResponse response =
        await()
            .atMost(WAIT)
            .ignoreExceptions()
            .until(() -> counter(byId.get("a"), session), r -> r.getNodeId().equals(next));
    assertThat(response.getNodeId()).isEqualTo(next);
  }

  @Test
  void aCallRequiringALabelRunsOnTheNodeWhosePoolDeclaresIt() {
    ExecuteRequest needsGpu = request("", "ping", Map.of()).putRequires("gpu", "true").build();

    for (NodeProcess entry : byId.values()) {
      ExecuteResponse response =
          // Until the entry node has heard from b, no pool it knows of declares the label.
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(() -> entry.blocking().execute(needsGpu), r -> r.getNodeId().equals("b"));
      assertThat(response.getResult().getStringValue()).isEqualTo("pong");
    }
    ExecuteRequest needsTpu = request("", "ping", Map.of()).putRequires("tpu", "true").build();
    assertThatThrownBy(() -> byId.get("a").blocking().execute(needsTpu))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("{tpu=true}");
            });
  }

  /** The items of the streaming tool count(n), entering through {@code entry}. */
  private static List<Long> count(NodeProcess entry, String session, long n) {
    Iterator<ExecuteChunk> chunks =
        entry.blocking().executeStream(request(session, "count", Map.of("n", n)).build());
    List<Long> items = new ArrayList<>();
    chunks.forEachRemaining(chunk -> items.add(chunk.getItem().getIntValue()));
    return items;
  }

  private static ExecuteResponse counter(NodeProcess entry, String session) {
    return entry.blocking().execute(request(session, "counter", Map.of()).build());
  }

  private static ExecuteRequest.Builder request(
      String session, String tool, Map<String, Long> args) {
    MapValue.Builder map = MapValue.newBuilder();
    args.forEach(
        (name, value) ->
            map.addEntries(
                MapEntry.newBuilder()
                    .setKey(name)
                    .setValue(Value.newBuilder().setIntValue(value))));
    return ExecuteRequest.newBuilder().setSessionId(session).setTool(tool).setArgs(map);
  }

  /** A session id the rendezvous order gives to {@code owner} among the three nodes. */
  private static String sessionOwnedBy(String owner) {
    return IntStream.range(0, 1000)
        .mapToObj(i -> "s" + i)
        .filter(id -> Rendezvous.order(id, IDS).get(0).equals(owner))
        .findFirst()
        .orElseThrow();
  }
}
