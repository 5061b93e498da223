package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.node.metrics.MetricNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedPoolTest {

  @TempDir Path dir;

  @Test
  void aPoolWhoseWorkersKeepFailingToStartIsMarkedFailedWithTheirError() throws IOException {
    Path adapters = Files.createDirectories(dir.resolve("adapters"));
    try (InputStream adapter = getClass().getResourceAsStream("/adapters/flaky_adapter.py")) {
      Files.copy(adapter, adapters.resolve("flaky_adapter.py"));
    }
    try (TestNode node =
        TestNode.start(
            dir,
            Map.of(
                "pool.adapter", "flaky_adapter:FlakyAdapter",
                "pool.python-path", adapters.toString(),
                "pool.size", "1",
                "pool.max-failed-starts", "3"))) {

      assertThatThrownBy(() -> node.blocking().execute(call("break_and_die")))
          .isInstanceOf(StatusRuntimeException.class);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> node.blocking().execute(call("break_and_die")))
                      .isInstanceOfSatisfying(
                          StatusRuntimeException.class,
                          e -> {
                            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                            assertThat(e.getStatus().getDescription())
                                .contains("pool default failed")
                                .contains("refusing to start: the marker file is there");
                          }));
      long failedStarts =
          node.node()
              .metrics()
              .getCounters()
              .get(MetricNames.tagged("snakepit.pool.worker.start.failures", "pool", "default"))
              .getCount();
      assertThat(failedStarts).isEqualTo(3);
    }
  }
}
