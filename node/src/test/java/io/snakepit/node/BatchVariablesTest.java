package io.snakepit.node;

import static io.snakepit.node.Args.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.DeleteVariableRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.VariableOperation;
import io.snakepit.api.v1.VariableOutcome;
import io.snakepit.client.ConflictException;
import io.snakepit.client.SnakepitClient;
import io.snakepit.node.api.StoreGateway;
import io.snakepit.store.raft.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BatchVariables on a real node, with either store: each operation is answered as its own call
 * would have been, and the SDK's packed calls from many threads lose no update.
 */
class BatchVariablesTest {

  private static final int THREADS = 8;
  private static final int INCREMENTS_PER_THREAD = 40;

  @TempDir Path dir;

  @ParameterizedTest(name = "store: {0}")
  @ValueSource(strings = {"embedded", "raft"})
  void eachOperationOfABatchSucceedsOrFailsAlone(String store) {
    try (TestNode node = TestNode.start(dir, settings(store))) {
      node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("s1").build());
      node.blocking().putVariable(put("s1", "doomed").build());

      List<VariableOutcome> outcomes =
          node.blocking()
              .batchVariables(
                  BatchVariablesRequest.newBuilder()
                      .addOperations(operation(put("s1", "x")))
                      .addOperations(operation(put("s1", "y").setExpectedVersion(7)))
                      .addOperations(get("s1", "missing"))
                      .addOperations(get("no-such-session", "x"))
                      .addOperations(operation(put("s1", "z").clearValue()))
                      .addOperations(VariableOperation.getDefaultInstance())
                      .addOperations(delete("s1", "doomed"))
                      .build())
              .getOutcomesList();

      assertThat(outcomes).hasSize(7);
      assertThat(outcomes.get(0).getVariable().getVersion()).isEqualTo(1);
      assertFailed(outcomes.get(1), Status.Code.ABORTED, "'y'");
      assertFailed(outcomes.get(2), Status.Code.NOT_FOUND, "missing");
      assertFailed(outcomes.get(3), Status.Code.NOT_FOUND, "no-such-session");
      assertFailed(outcomes.get(4), Status.Code.INVALID_ARGUMENT, "value is required");
      assertFailed(outcomes.get(5), Status.Code.INVALID_ARGUMENT, "empty");
      assertThat(outcomes.get(6).getDeleted().getDeleted()).isTrue();

      assertThat(node.blocking().getVariable(variable("s1", "x")).getVersion()).isEqualTo(1);
      assertThatThrownBy(() -> node.blocking().getVariable(variable("s1", "y")))
          .isInstanceOf(StatusRuntimeException.class)
          .hasMessageContaining("NOT_FOUND");
    }
  }

  @ParameterizedTest(name = "store: {0}")
  @ValueSource(strings = {"embedded"})
  void anEmptyOrOversizedBatchIsRefusedWhole(String store) {
    try (TestNode node = TestNode.start(dir, settings(store))) {
      node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("s1").build());
      BatchVariablesRequest.Builder oversized = BatchVariablesRequest.newBuilder();
      for (int i = 0; i <= 1000; i++) {
        oversized.addOperations(operation(put("s1", "v" + i)));
      }

      for (BatchVariablesRequest refused :
          List.of(BatchVariablesRequest.getDefaultInstance(), oversized.build())) {
        assertThatThrownBy(() -> node.blocking().batchVariables(refused))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                  assertThat(e.getStatus().getDescription()).contains("1 to 1000 operations");
                });
      }
      assertThatThrownBy(() -> node.blocking().getVariable(variable("s1", "v0")))
          .hasMessageContaining("NOT_FOUND");
    }
  }

  @ParameterizedTest(name = "store: {0}")
  @ValueSource(strings = {"embedded"})
  void aResponseHoldsTheValuesOfGetsUpToItsBudgetAndLeavesTheRestUnanswered(String store) {
    try (TestNode node = TestNode.start(dir, settings(store))) {
      node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("s1").build());
      int valueBytes = StoreGateway.BATCH_GET_BYTES / 5 + 1;
      BatchVariablesRequest.Builder gets = BatchVariablesRequest.newBuilder();
      for (int i = 0; i < 6; i++) {
        node.blocking()
            .putVariable(put("s1", "big-" + i).setValue(Args.bytes(new byte[valueBytes])).build());
        gets.addOperations(get("s1", "big-" + i));
      }
      gets.addOperations(operation(put("s1", "small")));

      List<VariableOutcome> outcomes =
          node.blocking().batchVariables(gets.build()).getOutcomesList();

      assertThat(outcomes)
          .extracting(VariableOutcome::getOutcomeCase)
          .containsExactly(
              VariableOutcome.OutcomeCase.VARIABLE,
              VariableOutcome.OutcomeCase.VARIABLE,
              VariableOutcome.OutcomeCase.VARIABLE,
              VariableOutcome.OutcomeCase.VARIABLE,
              VariableOutcome.OutcomeCase.UNANSWERED,
              VariableOutcome.OutcomeCase.UNANSWERED,
              VariableOutcome.OutcomeCase.VARIABLE);
    }
  }

  /**
   * Threads of one client increment one counter by compare-and-set, retrying on conflict: their
   * calls go in shared batches, and the counter ends at the number of increments they made.
   */
  @ParameterizedTest(name = "store: {0}")
  @ValueSource(strings = {"embedded", "raft"})
  void concurrentCompareAndSetsThroughTheSdkLoseNoUpdate(String store) throws Exception {
    try (TestNode node = TestNode.start(dir, settings(store));
        SnakepitClient client = SnakepitClient.forChannel(node.channel(), Duration.ofSeconds(30))) {
      client.createSession("counter");
      client.putVariable("counter", "n", 0L, 0);
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          done.add(threads.submit(() -> increment(client, INCREMENTS_PER_THREAD)));
        }
        for (Future<?> thread : done) {
          thread.get(2, TimeUnit.MINUTES);
        }
      } finally {
        threads.shutdownNow();
      }

      var counter = client.getVariable("counter", "n");
      assertThat(counter.value()).isEqualTo((long) THREADS * INCREMENTS_PER_THREAD);
      // Version 1 was the initial put; each increment added one.
      assertThat(counter.version()).isEqualTo(1L + THREADS * INCREMENTS_PER_THREAD);
    }
  }

  private static void increment(SnakepitClient client, int times) {
    for (int done = 0; done < times; ) {
      var current = client.getVariable("counter", "n");
      try {
        client.putVariable("counter", "n", (Long) current.value() + 1, current.version());
        done++;
      } catch (ConflictException lostTheRace) {
        // another thread moved it: read again
      }
    }
  }

  private Map<String, String> settings(String store) {
    if (store.equals("embedded")) {
      return Map.of("pool.size", "1");
    }
    return Map.of(
        "pool.size",
        "1",
        "store.type",
        "raft",
        "store.raft.peers",
        "test=127.0.0.1:" + TestPorts.free());
  }

  private static void assertFailed(VariableOutcome outcome, Status.Code code, String messagePart) {
    assertThat(outcome.hasError()).as("failed: %s", outcome).isTrue();
    assertThat(Status.fromCodeValue(outcome.getError().getCode()).getCode()).isEqualTo(code);
    assertThat(outcome.getError().getMessage()).contains(messagePart);
  }

  private static PutVariableRequest.Builder put(String sessionId, String name) {
    return PutVariableRequest.newBuilder()
        .setSessionId(sessionId)
        .setName(name)
        .setValue(integer(1));
  }

  private static VariableOperation operation(PutVariableRequest.Builder put) {
    return VariableOperation.newBuilder().setPut(put).build();
  }

  private static VariableOperation get(String sessionId, String name) {
    return VariableOperation.newBuilder().setGet(variable(sessionId, name)).build();
  }

  private static GetVariableRequest variable(String sessionId, String name) {
    return GetVariableRequest.newBuilder().setSessionId(sessionId).setName(name).build();
  }

  private static VariableOperation delete(String sessionId, String name) {
    return VariableOperation.newBuilder()
        .setDelete(DeleteVariableRequest.newBuilder().setSessionId(sessionId).setName(name))
        .build();
  }
}
