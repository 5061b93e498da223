package io.snakepit.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library preloaded into a real JVM, as into a node: its syncs (through {@code FileChannel}, as
 * the Raft log's) wait what the control file says, and follow the file while the process runs.
 */
class SlowSyncLibraryTest {

  @TempDir Path dir;
  private NodeControl control;
  private Process timer;
  private PrintWriter commands;
  private BufferedReader answers;

  @BeforeEach
  void startATimerWithTheLibrary() throws IOException {
    control = NodeControl.create(dir.resolve("control"));
    Path library = SlowSyncLibrary.unpackInto(dir.resolve("lib"));
    ProcessBuilder builder = ChildJvm.running(SyncTimer.class, dir.resolve("synced").toString());
    builder.environment().put("LD_PRELOAD", library.toString());
    builder
        .environment()
        .put(
            SlowSyncLibrary.CONTROL_VARIABLE,
            control.dir().resolve(NodeControl.SYNC_DELAY_FILE).toString());
    timer = builder.start();
    commands =
        new PrintWriter(
            new OutputStreamWriter(timer.getOutputStream(), StandardCharsets.UTF_8), true);
    answers =
        new BufferedReader(new InputStreamReader(timer.getInputStream(), StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws InterruptedException {
    timer.destroyForcibly().waitFor();
  }

  @Test
  void fsyncAndFdatasyncEachWaitTheDelay() throws IOException {
    control.setSyncDelay(Duration.ofMillis(300));

    assertThat(syncMillis("fsync")).isGreaterThanOrEqualTo(300);
    assertThat(syncMillis("fdatasync")).isGreaterThanOrEqualTo(300);
  }

  /**
   * The process reads the file again at most every 100 ms. An undelayed sync of one byte takes
   * milliseconds, so "well under the delay it had" is a safe bound even on a loaded machine.
   */
  @Test
  void aRunningProcessFollowsTheControlFileBothWays() throws Exception {
    syncMillis("fsync");

    control.setSyncDelay(Duration.ofMillis(1500));
    Thread.sleep(250);
    assertThat(syncMillis("fdatasync")).isGreaterThanOrEqualTo(1500);

    control.setSyncDelay(Duration.ZERO);
    Thread.sleep(250);
    assertThat(syncMillis("fdatasync")).isLessThan(1500);
  }

  private long syncMillis(String how) throws IOException {
    commands.println(how);
    String answer = answers.readLine();
    assertThat(answer).as("the timer's answer to " + how).isNotNull();
    return Long.parseLong(answer);
  }
}
