package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeStartTest {

  @TempDir Path dir;

  @Test
  void anAdapterThatCannotLoadFailsTheStartWithThePythonError() {
    assertThatThrownBy(
            () ->
                SnakepitNode.start(
                    TestNode.config(
                        dir,
                        Map.of(
                            "pool.adapter", "no_such_module:Adapter",
                            "pool.size", "1",
                            "pool.restart-backoff-initial", "5s",
                            "pool.restart-backoff-max", "5s"))))
        .hasMessageContaining("no worker could start")
        .hasMessageContaining("ModuleNotFoundError")
        .hasMessageContaining("no_such_module");
  }
}
