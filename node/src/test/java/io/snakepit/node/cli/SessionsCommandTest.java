package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.client.JsonValues;
import io.snakepit.client.SessionInfo;
import io.snakepit.client.Values;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParseResult;

class SessionsCommandTest {

  @Test
  void aSessionPrintsAsJson() {
    SessionInfo session =
        new SessionInfo(
            "s1",
            Map.of("b", "2", "a", "1"),
            Duration.ofHours(1),
            Instant.parse("2026-01-02T03:04:05Z"),
            Instant.parse("2026-01-02T04:00:00Z"),
            7);

    assertThat(JsonValues.write(Values.toValue(SessionsCommand.toJson(session))))
        .isEqualTo(
            "{\"id\":\"s1\",\"metadata\":{\"a\":\"1\",\"b\":\"2\"},\"ttl\":\"PT1H\","
                + "\"createdAt\":\"2026-01-02T03:04:05Z\","
                + "\"lastAccessedAt\":\"2026-01-02T04:00:00Z\",\"version\":7}");
  }

  @Test
  void aZeroTtlPrintsAsNever() {
    SessionInfo session =
        new SessionInfo("s1", Map.of(), Duration.ZERO, Instant.EPOCH, Instant.EPOCH, 1);

    assertThat(SessionsCommand.toJson(session)).containsEntry("ttl", "never");
  }

  @Test
  void createReadsTtlAndRepeatedMetadata() {
    ParseResult create =
        SnakepitCli.commandLine()
            .parseArgs(
                "sessions", "create", "s1", "--ttl", "never", "--meta", "a=1", "--meta", "b=2")
            .subcommand()
            .subcommand();

    assertThat(create.matchedPositional(0).<String>getValue()).isEqualTo("s1");
    assertThat(create.matchedOption("--ttl").<Duration>getValue()).isEqualTo(Duration.ZERO);
    assertThat(create.matchedOption("--meta").<Map<String, String>>getValue())
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void createReadsDurationTtls() {
    ParseResult create =
        SnakepitCli.commandLine()
            .parseArgs("sessions", "create", "s1", "--ttl", "90m")
            .subcommand()
            .subcommand();

    assertThat(create.matchedOption("--ttl").<Duration>getValue())
        .isEqualTo(Duration.ofMinutes(90));
  }
}
