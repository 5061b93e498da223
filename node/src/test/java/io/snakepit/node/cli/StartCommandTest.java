package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StartCommandTest {

  @Test
  void flagsBecomeOverridesUnderTheirConfigKeys() {
    StartCommand start =
        CliRun.parse(
            StartCommand.class,
            "start",
            "--host",
            "0.0.0.0",
            "--port",
            "7000",
            "--http-port",
            "-1",
            "--pool-size",
            "3",
            "--adapter",
            "my.mod:Tools",
            "--python-path",
            "a,b",
            "--python-path",
            "c",
            "--data-dir",
            "/var/snakepit",
            "--node-id",
            "n1");

    assertThat(start.overrides())
        .containsExactly(
            Map.entry("grpc.host", "0.0.0.0"),
            Map.entry("grpc.port", "7000"),
            Map.entry("http.port", "-1"),
            Map.entry("pool.size", "3"),
            Map.entry("pool.adapter", "my.mod:Tools"),
            Map.entry("pool.python-path", "a,b,c"),
            Map.entry("data.dir", "/var/snakepit"),
            Map.entry("node.id", "n1"));
  }

  @Test
  void flagsNotGivenAreNotOverrides() {
    assertThat(CliRun.parse(StartCommand.class, "start").overrides()).isEmpty();
  }

  @Test
  void anInvalidSettingExitsWithTwoAndNamesTheKey() {
    CliRun run = CliRun.of("start", "--port", "70000");

    assertThat(run.exitCode()).isEqualTo(ErrorReporter.EXIT_BAD_CONFIG);
    assertThat(run.err()).startsWith("error: bad value for grpc.port");
  }

  @Test
  void theListeningLineNamesBothEndpoints() {
    assertThat(StartCommand.listeningLine("local", "127.0.0.1", 50051, 9095))
        .isEqualTo(
            "snakepit node 'local' listening on 127.0.0.1:50051"
                + " (metrics http://127.0.0.1:9095/metrics)");
  }

  @Test
  void theListeningLineSaysWhenMetricsAreOffAndBracketsIpv6() {
    assertThat(StartCommand.listeningLine("n1", "::1", 7000, -1))
        .isEqualTo("snakepit node 'n1' listening on [::1]:7000 (metrics off)");
  }
}
