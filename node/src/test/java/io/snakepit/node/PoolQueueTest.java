package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.metrics.MetricNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What callers see when every worker is busy: one real worker, a queue of one. */
class PoolQueueTest {

  @TempDir Path dir;
  TestNode node;

  @BeforeEach
  void startNode() {
    node =
        TestNode.start(
            dir, Map.of("pool.size", "1", "pool.queue-capacity", "1", "pool.queue-timeout", "1s"));
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void aFullQueueIsRejectedAtOnceAndAQueuedCallTimesOut() throws Exception {
    SnakepitGrpc.SnakepitFutureStub async =
        SnakepitGrpc.newFutureStub(node.channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    ListenableFuture<ExecuteResponse> running = async.execute(call("sleep", "ms", integer(3_000)));
    awaitGauge("workers.busy", 1);
    ListenableFuture<ExecuteResponse> queued = async.execute(call("ping"));
    awaitGauge("queue.depth", 1);

    assertThatThrownBy(() -> node.blocking().execute(call("ping")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              assertThat(e.getStatus().getDescription()).contains("full");
            });
    assertThatThrownBy(queued::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              assertThat(e.getStatus().getDescription()).contains("became free within");
            });
    assertThat(running.get().getResult().getIntValue()).isEqualTo(3_000);
  }

  private void awaitGauge(String name, int value) {
    Gauge<?> gauge = node.node().metrics().getGauges().get(poolMetric(name));
    await().atMost(Duration.ofSeconds(10)).until(() -> gauge.getValue().equals(value));
  }

  private static String poolMetric(String name) {
    return MetricNames.tagged("snakepit.pool." + name, "pool", "default");
  }
}
