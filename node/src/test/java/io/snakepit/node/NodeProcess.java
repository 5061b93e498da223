package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.snakepit.api.v1.SnakepitGrpc;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node started the way users start it, {@code java -jar snakepit-node.jar start}, as a separate
 * process: for what only a real process shows (kill -9, restart from disk).
 */
final class NodeProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

  private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(10);

  private final Process process;
  private final Thread reader;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private volatile int port = -1;
  private ManagedChannel channel;

  private NodeProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "node-process-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a node on a free port with the given data directory and waits until it serves. */
  static NodeProcess start(Path dataDir, Path runDir, String... extraArgs) {
    return start(dataDir, runDir, Map.of(), extraArgs);
  }

  /** As {@link #start(Path, Path, String...)}, with {@code environment} set in the node's. */
  static NodeProcess start(
      Path dataDir, Path runDir, Map<String, String> environment, String... extraArgs) {
    List<String> args =
        new ArrayList<>(
            List.of("start", "--port", "0", "--http-port", "-1", "--data-dir", dataDir.toString()));
    args.addAll(List.of(extraArgs));
    ProcessBuilder builder = new ProcessBuilder(CliProcess.command(args)).redirectErrorStream(true);
    builder.environment().put("SNAKEPIT_RUN_DIR", runDir.toString());
    // From the environment, so that a test's --pool-size flag wins.
    builder.environment().put("SNAKEPIT_POOL_SIZE", "2");
    builder
        .environment()
        .put("SNAKEPIT_POOL_PYTHON", System.getProperty("snakepit.python", "/usr/bin/python3"));
    builder.environment().putAll(environment);
    try {
      NodeProcess node = new NodeProcess(builder.start());
      await()
          .atMost(Duration.ofSeconds(60))
          .failFast(
              "the node exited",
              () ->
                  assertThat(node.process.isAlive()).as("node output:%n%s", node.output()).isTrue())
          .until(() -> node.port > 0);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code host:port} of its gRPC API, as the CLI's --target takes it. */
  String target() {
    return "127.0.0.1:" + port;
  }

  long pid() {
    return process.pid();
  }

  /** Every process the node started, and what they started: workers, fork servers, tools'. */
  List<ProcessHandle> descendants() {
    return process.toHandle().descendants().toList();
  }

  /** SIGSTOP: the node does nothing more, not even notice that a child of its died. */
  void freeze() throws IOException, InterruptedException {
    // The JDK sends no SIGSTOP. The node's group has a parent, this JVM, so nothing sends the
    // frozen node SIGHUP.
    int exit = new ProcessBuilder("kill", "-STOP", Long.toString(pid())).start().waitFor();
    assertThat(exit).isZero();
  }

  SnakepitGrpc.SnakepitBlockingStub blocking() {
    return SnakepitGrpc.newBlockingStub(channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  ManagedChannel channel() {
    if (channel == null) {
      channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }
    return channel;
  }

  /** SIGKILL: no shutdown hook runs, nothing is cleaned up by the node. */
  void kill9() throws InterruptedException {
    closeChannel();
    process.destroyForcibly().waitFor();
  }

  /** SIGTERM: the node drains and stops; returns its exit code. */
  int terminate() throws InterruptedException {
    closeChannel();
    // Through the handle: Process.destroy() would also close our end of the node's output, and
    // lose what the node prints while it stops.
    process.toHandle().destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    int exitCode = process.waitFor();
    // The process may have ended before its last lines were read.
    reader.join(OUTPUT_DRAIN.toMillis());
    return exitCode;
  }

  /** Waits for the node to exit on its own; returns its exit code, or empty when it did not. */
  OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return OptionalInt.empty();
    }
    closeChannel();
    reader.join(OUTPUT_DRAIN.toMillis());
    return OptionalInt.of(process.exitValue());
  }

  String output() {
    return String.join("\n", output);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
    closeChannel();
  }

  private void closeChannel() {
    if (channel != null) {
      channel.shutdownNow();
      channel = null;
    }
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.add(line);
        Matcher listening = LISTENING.matcher(line);
        if (port < 0 && listening.find()) {
          port = Integer.parseInt(listening.group(1));
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }
}
