package io.snakepit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.Value;
import io.snakepit.api.v1.VariableOperation;
import io.snakepit.api.v1.VariableOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Concurrent variable calls of a client go out together, and each gets its own answer. */
class VariableBatcherTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration WAIT = Duration.ofMinutes(1);
  private static final int QUEUED = 20;

  private final List<ScriptedServer> servers = new ArrayList<>();
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void close() {
    callers.shutdownNow();
    servers.forEach(ScriptedServer::close);
  }

  @Test
  void callsMadeWhileTwoBatchesAreOutGoTogetherAndEachGetsItsOwnOutcome() throws Exception {
    ScriptedServer server = server();
    server.service.batchGate = new CountDownLatch(1);
    VariableBatcher batcher = new VariableBatcher(endpoints(server), TIMEOUT);

    List<Future<VariableOutcome>> first = new ArrayList<>();
    for (int i = 0; i < VariableBatcher.MAX_IN_FLIGHT; i++) {
      String name = "first-" + i;
      first.add(callers.submit(() -> batcher.call(put(name, -1))));
    }
    await().atMost(WAIT).until(() -> server.service.batchSizes.size() == 2);
    // Even calls expect a version their variable is not at: each of them alone fails.
    List<Future<VariableOutcome>> queued = new ArrayList<>();
    for (int i = 0; i < QUEUED; i++) {
      String name = "queued-" + i;
      long expected = i % 2 == 0 ? 5 : -1;
      queued.add(callers.submit(() -> batcher.call(put(name, expected))));
    }
    await().atMost(WAIT).until(() -> batcher.waiting() == QUEUED);
    server.service.batchGate.countDown();

    for (Future<VariableOutcome> call : first) {
      assertThat(call.get(1, TimeUnit.MINUTES).getVariable().getVersion()).isEqualTo(1);
    }
    for (int i = 0; i < QUEUED; i++) {
      Future<VariableOutcome> call = queued.get(i);
      if (i % 2 == 0) {
        assertThatThrownBy(() -> call.get(1, TimeUnit.MINUTES))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(ConflictException.class);
      } else {
        assertThat(call.get(1, TimeUnit.MINUTES).getVariable().getName()).isEqualTo("queued-" + i);
      }
    }
    assertThat(server.service.batchSizes).containsExactly(1, 1, QUEUED);
  }

  @Test
  void operationsANodeAnswersUnavailableGoToTheNextNode() {
    ScriptedServer withoutStore = server();
    withoutStore.service.storeUnavailable = true;
    ScriptedServer healthy = server();
    VariableBatcher batcher = new VariableBatcher(endpoints(withoutStore, healthy), TIMEOUT);

    assertThat(batcher.call(put("x", 0)).getVariable().getVersion()).isEqualTo(1);
    assertThat(batcher.call(put("x", 1)).getVariable().getVersion()).isEqualTo(2);

    assertThat(withoutStore.service.batchSizes).containsExactly(1);
    assertThat(healthy.service.batchSizes).containsExactly(1, 1);
  }

  @Test
  void getsAResponseHadNoRoomForAreSentAgain() throws Exception {
    ScriptedServer server = server();
    server.service.oneGetPerBatch = true;
    VariableBatcher batcher = new VariableBatcher(endpoints(server), TIMEOUT);
    for (int i = 0; i < QUEUED; i++) {
      batcher.call(put("v" + i, -1));
    }
    server.service.batchGate = new CountDownLatch(1);

    List<Future<VariableOutcome>> first = new ArrayList<>();
    for (int i = 0; i < VariableBatcher.MAX_IN_FLIGHT; i++) {
      String name = "v" + i;
      first.add(callers.submit(() -> batcher.call(get(name))));
    }
    await().atMost(WAIT).until(() -> server.service.batchSizes.size() == QUEUED + 2);
    List<Future<VariableOutcome>> queued = new ArrayList<>();
    for (int i = 0; i < QUEUED; i++) {
      String name = "v" + i;
      queued.add(callers.submit(() -> batcher.call(get(name))));
    }
    await().atMost(WAIT).until(() -> batcher.waiting() == QUEUED);
    server.service.batchGate.countDown();

    for (int i = 0; i < QUEUED; i++) {
      assertThat(queued.get(i).get(1, TimeUnit.MINUTES).getVariable().getName()).isEqualTo("v" + i);
    }
    for (Future<VariableOutcome> call : first) {
      assertThat(call.get(1, TimeUnit.MINUTES).hasVariable()).isTrue();
    }
    // After the puts and the two lone gets: the queued gets, one fewer each time.
    assertThat(server.service.batchSizes.subList(QUEUED + 2, server.service.batchSizes.size()))
        .startsWith(QUEUED, QUEUED - 1, QUEUED - 2)
        .hasSize(QUEUED);
  }

  @Test
  void withOneNodeAnUnavailableOperationFailsAsUnavailable() {
    ScriptedServer withoutStore = server();
    withoutStore.service.storeUnavailable = true;
    VariableBatcher batcher = new VariableBatcher(endpoints(withoutStore), TIMEOUT);

    assertThatThrownBy(() -> batcher.call(put("x", 0)))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("no store leader");
  }

  @Test
  void aClientWithBatchingOffSendsEachCallAlone() {
    ScriptedServer server = server();
    try (SnakepitClient client =
        new SnakepitClient(
            List.of(server.channel()),
            TIMEOUT,
            false,
            SnakepitClientBuilder.RANDOM_REQUEST_IDS,
            List.of())) {
      assertThat(client.putVariable("s1", "x", 1L)).isEqualTo(1);
      assertThat(client.getVariable("s1", "x").version()).isEqualTo(1);
    }
    assertThat(server.service.batchSizes).isEmpty();
  }

  private ScriptedServer server() {
    try {
      ScriptedServer server = new ScriptedServer();
      servers.add(server);
      return server;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Endpoints endpoints(ScriptedServer... nodes) {
    return new Endpoints(List.of(nodes).stream().map(ScriptedServer::channel).toList());
  }

  private static VariableOperation get(String name) {
    return VariableOperation.newBuilder()
        .setGet(GetVariableRequest.newBuilder().setSessionId("s1").setName(name))
        .build();
  }

  /** A put of the variable, expecting the version unless it is negative. */
  private static VariableOperation put(String name, long expectedVersion) {
    PutVariableRequest.Builder put =
        PutVariableRequest.newBuilder()
            .setSessionId("s1")
            .setName(name)
            .setValue(Value.newBuilder().setIntValue(1))
            .setRequestId("r-" + name + "-" + expectedVersion);
    if (expectedVersion >= 0) {
      put.setExpectedVersion(expectedVersion);
    }
    return VariableOperation.newBuilder().setPut(put).build();
  }
}
