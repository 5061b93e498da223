package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static io.snakepit.node.Args.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Context;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.metrics.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pool with the thread profile: one real worker that runs up to four calls at once. */
class ThreadProfileTest {

  private static final int THREADS = 4;

  @TempDir static Path dir;
  static TestNode node;
  static long workerPid;

  @BeforeAll
  static void startNode() {
    node =
        TestNode.start(
            dir,
            Map.of(
                "pool.adapter", "snakepit.examples.threaded_adapter:ThreadedAdapter",
                "pool.profile", "thread",
                "pool.threads", Integer.toString(THREADS),
                "pool.size", "1"));
    workerPid = node.blocking().execute(call("pid")).getResult().getIntValue();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void oneWorkerRunsAsManyCallsAtOnceAsItHasThreads() throws Exception {
    // Each call waits inside the tool until all of them are there: they can only all succeed if
    // they ran at the same time, on the pool's one worker.
    List<ListenableFuture<ExecuteResponse>> calls = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      calls.add(async().execute(call("meet", "parties", integer(THREADS))));
    }

    for (ListenableFuture<ExecuteResponse> meeting : calls) {
      assertThat(meeting.get().getResult().getIntValue()).isEqualTo(workerPid);
    }
  }

  @Test
  void aCallBeyondTheWorkersThreadsWaitsInTheQueue() throws Exception {
    Path go = dir.resolve("go");
    List<ListenableFuture<ExecuteResponse>> calls = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      calls.add(async().execute(call("wait_for_file", "path", text(go.toString()))));
    }
    awaitGauge("calls.running", THREADS);
    calls.add(async().execute(call("wait_for_file", "path", text(go.toString()))));
    awaitGauge("queue.depth", 1);
    assertThat(gauge("calls.running").getValue()).isEqualTo(THREADS);

    Files.createFile(go);

    for (ListenableFuture<ExecuteResponse> waiting : calls) {
      assertThat(waiting.get().getResult().getIntValue()).isEqualTo(workerPid);
    }
    awaitGauge("calls.running", 0);
  }

  @Test
  void aCancelledStreamGivesBackItsPlaceWhileTheWorkersOtherCallsGoOn() throws Exception {
    Path go = dir.resolve("go-on");
    ListenableFuture<ExecuteResponse> waiting =
        async().execute(call("wait_for_file", "path", text(go.toString())));
    awaitGauge("calls.running", 1);
    Context.CancellableContext streaming = Context.current().withCancellation();
    Iterator<ExecuteChunk> numbers =
        streaming.call(() -> node.blocking().executeStream(call("numbers")));
    numbers.next();
    numbers.next();
    assertThat(gauge("calls.running").getValue()).isEqualTo(2);

    streaming.cancel(null);

    awaitGauge("calls.running", 1);
    Files.createFile(go);
    assertThat(waiting.get().getResult().getIntValue()).isEqualTo(workerPid);
    assertThat(
            node.node()
                .metrics()
                .counter(MetricNames.tagged("snakepit.pool.worker.restarts", "pool", "default"))
                .getCount())
        .isZero();
  }

  @Test
  void anAdapterThatDoesNotDeclareThreadSafetyCannotStartAThreadPool(@TempDir Path other) {
    assertThatThrownBy(
            () ->
                SnakepitNode.start(
                    TestNode.config(
                        other,
                        Map.of(
                            "pool.profile", "thread",
                            "pool.size", "1",
                            "pool.restart-backoff-initial", "5s",
                            "pool.restart-backoff-max", "5s"))))
        .hasMessageContaining("no worker could start")
        .hasMessageContaining("ExampleAdapter does not declare thread_safe = True")
        .hasMessageContaining("process profile");
  }

  private static SnakepitGrpc.SnakepitFutureStub async() {
    return SnakepitGrpc.newFutureStub(node.channel()).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  private static void awaitGauge(String name, int value) {
    await().atMost(Duration.ofSeconds(20)).until(() -> gauge(name).getValue().equals(value));
  }

  private static Gauge<?> gauge(String name) {
    return node.node()
        .metrics()
        .getGauges()
        .get(MetricNames.tagged("snakepit.pool." + name, "pool", "default"));
  }
}
