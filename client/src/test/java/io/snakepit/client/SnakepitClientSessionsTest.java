package io.snakepit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SnakepitClientSessionsTest {

  private ScriptedServer server;
  private SnakepitClient client;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    client = server.client(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void createSessionSendsMetadataAndTtlAndConvertsTheAnswer() {
    SessionInfo session = client.createSession("s1", Map.of("owner", "ada"), Duration.ofHours(1));

    assertThat(session.id()).isEqualTo("s1");
    assertThat(session.metadata()).containsExactly(Map.entry("owner", "ada"));
    assertThat(session.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(session.createdAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000, 5));
    assertThat(session.version()).isEqualTo(1);
    assertThat(client.getSession("s1")).isEqualTo(session);
  }

  @Test
  void aMissingSessionIsNotFound() {
    assertThatThrownBy(() -> client.getSession("nope")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void deleteSessionTellsWhetherThereWasOne() {
    client.createSession("s1");

    assertThat(client.deleteSession("s1")).isTrue();
    assertThat(client.deleteSession("s1")).isFalse();
  }

  @Test
  void allSessionsWalksEveryPage() {
    List.of("e", "a", "d", "b", "c").forEach(client::createSession);

    assertThat(client.listSessions(null, 0).nextCursor()).contains("b");
    assertThat(client.allSessions().map(SessionInfo::id)).containsExactly("a", "b", "c", "d", "e");
  }

  @Test
  void variablesRoundTripWithVersions() {
    long first = client.putVariable("s1", "x", List.of(1, "two"));
    long second = client.putVariable("s1", "x", 3.5, first);

    VariableValue variable = client.getVariable("s1", "x");
    assertThat(variable.version()).isEqualTo(second).isEqualTo(2);
    assertThat(variable.value()).isEqualTo(3.5);
  }

  @Test
  void aStaleExpectedVersionIsAConflict() {
    client.putVariable("s1", "x", 1);

    assertThatThrownBy(() -> client.putVariable("s1", "x", 2, 0))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version is 1");
  }

  @Test
  void programsRoundTrip() {
    client.putProgram("s1", "p1", new byte[] {1, 2}, Map.of("lang", "py"));

    ProgramInfo program = client.getProgram("s1", "p1");
    assertThat(program.data()).containsExactly(1, 2);
    assertThat(program.metadata()).containsEntry("lang", "py");
    assertThat(program.updatedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000));
  }

  @Test
  void listToolsConvertsDescriptions() {
    assertThat(client.listTools())
        .containsExactly(
            new ToolDescription("count", "Counts.", "{\"type\":\"object\"}", true, "default"));
  }
}
