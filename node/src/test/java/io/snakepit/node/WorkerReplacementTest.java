package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static io.snakepit.node.Args.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What callers see when a worker crashes or hangs, and that the next call is served again. */
class WorkerReplacementTest {

  @TempDir Path dir;
  TestNode node;

  @BeforeEach
  void startNode() {
    node = TestNode.start(dir, Map.of("pool.size", "1"));
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void aWorkerThatDiesMidCallFailsThatCallAsUnavailableAndIsReplaced() {
    long pidBefore = workerPid();

    assertThatThrownBy(() -> node.blocking().execute(call("crash")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription())
                  .contains("died during the call")
                  .contains("exited with code 1")
                  .contains("crash");
            });

    assertThat(node.blocking().execute(call("ping")).getResult().getStringValue())
        .isEqualTo("pong");
    assertThat(workerPid()).isNotEqualTo(pidBefore);
    assertThat(node.node().metrics().getCounters().get(poolMetric("crashes")).getCount())
        .isEqualTo(1);
  }

  @Test
  void aWorkerStuckPastTheDeadlineIsKilledAndReplaced() {
    long pidBefore = workerPid();

    assertThatThrownBy(
            () ->
                node.blocking()
                    .withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                    .execute(call("sleep", "ms", integer(60_000))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

    long pidAfter = workerPid();
    assertThat(pidAfter).isNotEqualTo(pidBefore);
    assertThat(ProcessState.running(pidBefore)).isFalse();
  }

  @Test
  void aSegfaultIsReportedAsSuchWithThePythonStack() {
    assertThatThrownBy(() -> node.blocking().execute(call("segfault")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription())
                  .contains("segmentation fault (SIGSEGV)")
                  .contains("example_adapter.py"); // faulthandler's dump of the Python stack
            });
    // Counted when the node handles the exit, which may come just after the call's failure.
    String segfaults =
        MetricNames.tagged("snakepit.pool.worker.exits", "pool", "default", "cause", "segfault");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> node.node().metrics().getCounters().containsKey(segfaults));
    assertThat(node.node().metrics().getCounters().get(segfaults).getCount()).isEqualTo(1);
  }

  @Test
  void processesAToolStartedAreKilledWithItsWorker() {
    long child = node.blocking().execute(call("spawn_child")).getResult().getIntValue();
    assertThat(ProcessState.running(child)).isTrue();

    assertThatThrownBy(
            () ->
                node.blocking()
                    .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .execute(call("sleep", "ms", integer(60_000))))
        .isInstanceOf(StatusRuntimeException.class);

    await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.running(child));
  }

  @Test
  void aCancelledStreamStopsTheGeneratorAndTheWorkerServesAgain() {
    long pid = workerPid();
    var stream = SnakepitGrpc.newStub(node.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    CountDownLatch twoItems = new CountDownLatch(2);
    var observer =
        new ClientResponseObserver<ExecuteRequest, ExecuteChunk>() {
          ClientCallStreamObserver<ExecuteRequest> call;

          @Override
          public void beforeStart(ClientCallStreamObserver<ExecuteRequest> call) {
            this.call = call;
          }

          @Override
          public void onNext(ExecuteChunk chunk) {
            twoItems.countDown();
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        };
    Path closed = dir.resolve("generator-closed");
    stream.executeStream(
        call("count_until_closed", "closed_marker", text(closed.toString())), observer);
    await().atMost(Duration.ofSeconds(10)).until(() -> twoItems.getCount() == 0);

    observer.call.cancel("enough", null);

    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(closed));
    assertThat(workerPid()).isEqualTo(pid); // the same worker, not killed and replaced
    assertThat(node.node().metrics().getCounters().get(poolMetric("restarts")).getCount()).isZero();
  }

  private long workerPid() {
    return node.blocking().execute(call("pid")).getResult().getIntValue();
  }

  private static String poolMetric(String name) {
    return MetricNames.tagged("snakepit.pool.worker." + name, "pool", "default");
  }
}
