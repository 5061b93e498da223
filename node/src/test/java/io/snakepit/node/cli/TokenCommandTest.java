package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandTest {

  @TempDir Path dir;

  @Test
  void addPrintsTheTokenOnceAndTheFileKeepsOnlyItsHash() throws Exception {
    Path file = dir.resolve("tokens");

    CliRun run =
        CliRun.of("token", "add", "--role", "call", "--name", "app", "--file", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    String token = run.out().strip();
    assertThat(token).startsWith("spt_").hasSizeGreaterThan(40);
    String content = Files.readString(file);
    assertThat(content).doesNotContain(token).startsWith("sha256:").contains(" call app");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aTokenCannotBeANodes() {
    CliRun run =
        CliRun.of(
            "token",
            "add",
            "--role",
            "peer",
            "--name",
            "n1",
            "--file",
            dir.resolve("t").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--role is call or admin");
    assertThat(dir.resolve("t")).doesNotExist();
  }
}
