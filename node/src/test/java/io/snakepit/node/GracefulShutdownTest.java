package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import com.google.common.util.concurrent.ListenableFuture;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.metrics.MetricNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulShutdownTest {

  @TempDir Path dir;

  @Test
  void closingTheNodeLetsInFlightCallsFinish() throws Exception {
    TestNode node = TestNode.start(dir, Map.of("pool.size", "1", "shutdown.grace", "20s"));
    ListenableFuture<ExecuteResponse> inFlight =
        SnakepitGrpc.newFutureStub(node.channel())
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .execute(call("sleep", "ms", integer(1_500)));
    Gauge<?> busy =
        node.node()
            .metrics()
            .getGauges()
            .get(MetricNames.tagged("snakepit.pool.workers.busy", "pool", "default"));
    await().atMost(Duration.ofSeconds(10)).until(() -> busy.getValue().equals(1));

    CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> node.node().close());

    assertThat(inFlight.get(30, TimeUnit.SECONDS).getResult().getIntValue()).isEqualTo(1_500);
    closing.get(30, TimeUnit.SECONDS);
    node.close();
  }
}
