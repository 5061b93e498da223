package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Unavailable.assertFailsUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailedPoolTest {

  @TempDir Path dir;

  @Test
  void aPoolWhoseWorkersKeepFailingToStartIsMarkedFailedWithTheirError() throws IOException {
    Path adapters = TestNode.adapters(dir, "flaky_adapter.py");
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
                  assertFailsUnavailable(
                      () -> node.blocking().execute(call("break_and_die")),
                      "pool default failed",
                      "refusing to start: the marker file is there"));
      assertThat(node.poolCounter("snakepit.pool.worker.start.failures")).isEqualTo(3);
    }
  }
}
