package io.snakepit.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control files in the formats their libraries parse. */
class NodeControlTest {

  @TempDir Path dir;

  @Test
  void theClockFileHoldsLibfaketimesSignedOffsetInSeconds() {
    assertThat(NodeControl.clockText(Duration.ofSeconds(97))).isEqualTo("+97.000");
    assertThat(NodeControl.clockText(Duration.ofMillis(-12_500))).isEqualTo("-12.500");
    assertThat(NodeControl.clockText(Duration.ZERO)).isEqualTo("+0.000");
  }

  @Test
  void filesStartNeutralAndAreReplacedWhole() throws IOException {
    NodeControl control = NodeControl.create(dir);
    assertThat(dir.resolve(NodeControl.CLOCK_FILE)).hasContent("+0.000");
    assertThat(dir.resolve(NodeControl.SYNC_DELAY_FILE)).hasContent("0");

    control.setClockOffset(Duration.ofSeconds(-45));
    control.setSyncDelay(Duration.ofMillis(120));

    assertThat(dir.resolve(NodeControl.CLOCK_FILE)).hasContent("-45.000");
    assertThat(dir.resolve(NodeControl.SYNC_DELAY_FILE)).hasContent("120");
    try (var files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString()))
          .containsExactlyInAnyOrder(NodeControl.CLOCK_FILE, NodeControl.SYNC_DELAY_FILE);
    }
  }
}
