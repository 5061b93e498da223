package io.snakepit.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server of a cluster under test, as its own process. Its output goes to a log file rather than a
 * pipe: a chatty server never blocks on a pipe nobody reads, and a failed start can show why.
 */
public final class LocalProcess {

  private static final int TAIL_LINES = 40;

  private final String name;
  private final Process process;
  private final Path log;

  private LocalProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  public static LocalProcess start(
      String name, List<String> command, Map<String, String> environment, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      Files.createDirectories(log.getParent());
      return new LocalProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Its name, its log file and the end of its output: what one needs to see why it failed. */
  public String describe() {
    StringBuilder text = new StringBuilder(name).append(" (log: ").append(log).append(')');
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      lines
          .subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
          .forEach(line -> text.append("\n  ").append(line));
    } catch (IOException e) {
      text.append(": its log cannot be read (").append(e.getMessage()).append(')');
    }
    return text.toString();
  }

  /** SIGTERM: a Snakepit node closes its store, etcd its database. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the end that {@link #terminate()} asked for, then kills it. */
  public void awaitExit(Duration grace) {
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
