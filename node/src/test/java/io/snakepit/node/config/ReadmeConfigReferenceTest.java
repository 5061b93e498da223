package io.snakepit.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference must name every key the node accepts. */
class ReadmeConfigReferenceTest {

  @Test
  void everyKeyAndItsEnvironmentVariableAreDocumented() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));

    assertThat(NodeConfigLoader.describeKeys())
        .allSatisfy(
            key ->
                assertThat(readme)
                    .contains("| `" + key.key() + "` | `" + key.environmentVariable() + "` |"));
  }
}
