package io.snakepit.chaos.runtime;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node started as its own process from the node's jar, as an operator starts it: the process
 * runtime of the chaos suite, for machines without Docker and for faults a process can take (kill,
 * pause, membership changes). Its output goes to a log file beside its data.
 */
public final class LocalNodeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on ([^ ]+:\\d+)");

  private final Process process;
  private final Path log;
  private final CompletableFuture<String> target = new CompletableFuture<>();

  private LocalNodeProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    Thread reader = new Thread(this::watchOutput, "node-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a node on a free port and waits until it serves. */
  public static LocalNodeProcess start(
      Path nodeJar, Path dataDir, Path runDir, Duration startTimeout, String... extraArgs)
      throws IOException {
    return start(nodeJar, dataDir, runDir, 0, Map.of(), startTimeout, extraArgs);
  }

  /**
   * Starts a node and waits until it serves.
   *
   * @param port the API port, or 0 for any free one
   * @param environment configuration given as environment variables, e.g. the store's
   * @param extraArgs further flags of {@code snakepit start}
   */
  public static LocalNodeProcess start(
      Path nodeJar,
      Path dataDir,
      Path runDir,
      int port,
      Map<String, String> environment,
      Duration startTimeout,
      String... extraArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-jar",
            nodeJar.toString(),
            "start",
            "--port",
            Integer.toString(port),
            "--http-port",
            "-1"));
    command.addAll(List.of("--data-dir", dataDir.toString()));
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SNAKEPIT_RUN_DIR", runDir.toString());
    builder.environment().putAll(environment);
    Files.createDirectories(dataDir);
    LocalNodeProcess node =
        new LocalNodeProcess(builder.start(), dataDir.resolveSibling("node.log"));
    node.awaitServing(startTimeout);
    return node;
  }

  /** The node's gRPC address as the SDK takes it, {@code host:port}. */
  public String target() {
    return target.join();
  }

  /** The node's JVM: the process to signal, not its group (its workers are its own business). */
  public long pid() {
    return process.pid();
  }

  /** Waits until the process ends by itself; false when it still runs after {@code timeout}. */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGKILL, and waits until the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.toHandle().destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private void awaitServing(Duration timeout) throws IOException {
    try {
      target.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("the node did not start serving within " + timeout + "; see " + log, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the node started", e);
    }
  }

  private void watchOutput() {
    try (BufferedReader output =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter logFile =
            Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        logFile.write(line);
        logFile.newLine();
        logFile.flush();
        Matcher listening = LISTENING.matcher(line);
        if (!target.isDone() && listening.find()) {
          target.complete(listening.group(1));
        }
      }
    } catch (IOException e) {
      // the process ended; a start still waiting fails below
    }
    target.completeExceptionally(new IOException("the node exited with " + exitCode()));
  }

  private String exitCode() {
    try {
      return "code " + process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "an unknown code";
    }
  }
}
