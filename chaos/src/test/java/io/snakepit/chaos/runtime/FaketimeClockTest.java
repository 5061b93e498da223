package io.snakepit.chaos.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libfaketime preloaded into a real JVM with the environment a runtime gives a node: the wall clock
 * follows the offset the harness writes, forward and back, while the monotonic clock stays true and
 * a sleeping thread stays asleep.
 */
class FaketimeClockTest {

  /** Readings cross a pipe within milliseconds; the offsets are whole seconds and more. */
  private static final long TOLERANCE_MILLIS = 500;

  @TempDir Path dir;
  private Cluster.Clocks clocks;
  private Process reporter;
  private PrintWriter commands;
  private BufferedReader answers;

  @BeforeEach
  void startAReporterWithLibfaketime() throws IOException {
    assertThat(Preloads.LIBFAKETIME)
        .as("libfaketime, which scripts/install-deps.sh installs")
        .isReadable();
    Preloads preloads =
        Preloads.prepare(
            new ClusterSpec(1, dir.resolve("unused.jar"), dir, Set.of(Preload.FAKETIME)));
    clocks = preloads.clocks().orElseThrow();
    ProcessBuilder builder = ChildJvm.running(WallClockReporter.class);
    builder.environment().putAll(preloads.hostEnvironment("n1"));
    reporter = builder.start();
    commands =
        new PrintWriter(
            new OutputStreamWriter(reporter.getOutputStream(), StandardCharsets.UTF_8), true);
    answers =
        new BufferedReader(
            new InputStreamReader(reporter.getInputStream(), StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() throws InterruptedException {
    reporter.destroyForcibly().waitFor();
  }

  @Test
  void theWallClockFollowsTheOffsetForwardAndBackWhileTheMonotonicClockStaysTrue()
      throws IOException {
    assertThat(reading().wallSkewMillis()).isBetween(-TOLERANCE_MILLIS, TOLERANCE_MILLIS);

    for (Duration offset :
        List.of(Duration.ofSeconds(97), Duration.ofMillis(-45_500), Duration.ZERO)) {
      clocks.setOffset("n1", offset);

      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> Math.abs(reading().wallSkewMillis() - offset.toMillis()) < TOLERANCE_MILLIS);
      assertThat(reading().monotonicSkewMillis()).isBetween(-TOLERANCE_MILLIS, TOLERANCE_MILLIS);
    }
  }

  /**
   * libfaketime 0.9.10, left to decide by glibc's version, turns every timed wait of a JVM into a
   * busy loop (see {@link Preloads#settings}): a second's sleep then costs about a second of CPU.
   */
  @Test
  void aSleepingThreadDoesNotSpin() throws IOException {
    clocks.setOffset("n1", Duration.ofSeconds(60));
    await().atMost(Duration.ofSeconds(5)).until(() -> reading().wallSkewMillis() > 59_000);

    commands.println("sleep");
    assertThat(Long.parseLong(answers.readLine())).as("CPU ms of a 1 s sleep").isLessThan(500);
  }

  /** The reporter's clocks against this process's, read around the same moment. */
  private Reading reading() throws IOException {
    long wallBefore = System.currentTimeMillis();
    long monotonicBefore = System.nanoTime();
    commands.println("now");
    String[] answer = answers.readLine().split(" ");
    long wall = (wallBefore + System.currentTimeMillis()) / 2;
    long monotonic = monotonicBefore / 2 + System.nanoTime() / 2;
    return new Reading(
        Long.parseLong(answer[0]) - wall, (Long.parseLong(answer[1]) - monotonic) / 1_000_000);
  }

  private record Reading(long wallSkewMillis, long monotonicSkewMillis) {}
}
