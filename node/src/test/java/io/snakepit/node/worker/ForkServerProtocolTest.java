package io.snakepit.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ForkServerProtocolTest {

  @Test
  void anExitLineGivesAnExitCodeOrASignalAsJavaReportsThem() {
    ForkServerProtocol.Line exited =
        ForkServerProtocol.parse(
                "SNAKEPIT_EXITED {\"pid\": 42, \"worker_id\": \"default-0\", \"exit_code\": 3,"
                    + " \"signal\": null}")
            .orElseThrow();
    ForkServerProtocol.Line killed =
        ForkServerProtocol.parse(
                "SNAKEPIT_EXITED {\"pid\": 43, \"worker_id\": \"default-1\", \"exit_code\": null,"
                    + " \"signal\": 9}")
            .orElseThrow();

    assertThat(exited.word()).isEqualTo(ForkServerProtocol.EXITED);
    assertThat(exited.pid()).isEqualTo(42);
    assertThat(exited.workerId()).isEqualTo("default-0");
    assertThat(exited.exitValue()).isEqualTo(3);
    assertThat(killed.exitValue()).isEqualTo(128 + 9);
  }

  @Test
  void anyOtherLineIsNoneOfTheProtocols() {
    assertThat(ForkServerProtocol.parse("Traceback (most recent call last):")).isEmpty();
    assertThat(ForkServerProtocol.parse("SNAKEPIT_OUTPUT not json")).isEmpty();
    assertThat(ForkServerProtocol.parse("SNAKEPIT_OUTPUT [1, 2]")).isEmpty();
  }

  @Test
  void aSpawnCommandIsOneJsonObject() {
    assertThat(ForkServerProtocol.spawnCommand("default-0", Path.of("/run/w \"0\".sock")))
        .isIn(
            "{\"spawn\":{\"worker_id\":\"default-0\",\"socket\":\"/run/w \\\"0\\\".sock\"}}",
            "{\"spawn\":{\"socket\":\"/run/w \\\"0\\\".sock\",\"worker_id\":\"default-0\"}}");
  }
}
