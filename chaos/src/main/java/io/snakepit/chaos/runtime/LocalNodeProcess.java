package io.snakepit.chaos.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node started as its own process from the node's jar, as an operator starts it: the process
 * runtime of the chaos suite, for machines without Docker and for faults a process can take (kill,
 * restart).
 */
public final class LocalNodeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on ([^ ]+:\\d+)");

  private final Process process;
  private final CompletableFuture<String> target = new CompletableFuture<>();

  private LocalNodeProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::watchOutput, "node-" + process.pid() + "-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a node on a free port and waits until it serves.
   *
   * @param extraArgs further flags of {@code snakepit start}
   */
  public static LocalNodeProcess start(
      Path nodeJar, Path dataDir, Path runDir, Duration startTimeout, String... extraArgs)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-jar", nodeJar.toString(), "start", "--port", "0", "--http-port", "-1"));
    command.addAll(List.of("--data-dir", dataDir.toString()));
    command.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SNAKEPIT_RUN_DIR", runDir.toString());
    LocalNodeProcess node = new LocalNodeProcess(builder.start());
    node.awaitServing(startTimeout);
    return node;
  }

  /** The node's gRPC address as the SDK takes it, {@code host:port}. */
  public String target() {
    return target.join();
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
      throw new IOException("the node did not start serving within " + timeout, e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the node started", e);
    }
  }

  private void watchOutput() {
    try (BufferedReader output =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
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
