package io.snakepit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
  /** A write of 1 completes, then a read finds the register absent. */
  private static final String ABSENT_AFTER_WRITE =
      "{:process 0, :type :invoke, :f :write, :value 1}\n"
          + "{:process 0, :type :ok, :f :write, :value 1}\n"
          + "{:process 1, :type :invoke, :f :read, :value nil}\n"
          + "{:process 1, :type :ok, :f :read, :value nil}\n";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void lenientSemanticsFindTheHistoryLinearizable() throws IOException {
    int status = run("--model", "cas-register", "--initial", "nil", history(ABSENT_AFTER_WRITE));

    assertThat(status).isZero();
    assertThat(out()).isEqualTo("linearizable\n");
  }

  @Test
  void strictSemanticsShowTheFailingWindow() throws IOException {
    int status =
        run("--model", "cas-register", "--initial", "nil", "--strict", history(ABSENT_AFTER_WRITE));

    assertThat(status).isEqualTo(1);
    assertThat(out())
        .startsWith("NOT linearizable\n")
        .contains("cannot complete: {:process 1, :type :ok, :f :read, :value nil, :call 2, :ret 3}")
        .contains("states just before: [1]");
  }

  @Test
  void usageErrorsExitWithTwo() throws IOException {
    assertThat(run("--model", "cas-register")).isEqualTo(2);
    assertThat(run("--model", "queue", history(ABSENT_AFTER_WRITE))).isEqualTo(2);
    assertThat(run("--model", "cas-register", dir.resolve("missing.edn").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
  }

  private String history(String text) throws IOException {
    Path file = dir.resolve("history.edn");
    Files.writeString(file, text);
    return file.toString();
  }

  private int run(String... args) {
    return CheckCommand.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
