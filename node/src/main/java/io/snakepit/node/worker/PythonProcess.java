package io.snakepit.node.worker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Python process that the node starts as its child, a spawned worker or a pool's fork server. It
 * is in the worker registry while it runs. Its stdout lines meant for the node go to a handler;
 * every other line it writes goes into the node's log under its name, and the last ones into its
 * exit report. The node keeps its stdin open: the process exits when it reads EOF, which happens
 * however the node ends, {@code kill -9} included.
 */
final class PythonProcess {

  /** Marks every worker, and what its tools start, with the node's run. */
  static final String RUN_ID_VARIABLE = "SNAKEPIT_RUN_ID";

  private final Process process;
  private final OutputLines output;
  private final OutputPump stdout;
  private final OutputPump stderr;
  private final CompletableFuture<ExitReport> exited;

  private PythonProcess(
      String name, Process process, WorkerRegistry registry, Predicate<String> protocol) {
    this.process = process;
    this.output = new OutputLines(name);
    registry.remember(process.toHandle());
    this.stdout =
        OutputPump.start(
            name + "-stdout",
            process.getInputStream(),
            line -> {
              if (!protocol.test(line)) {
                output.accept(line);
              }
            });
    this.stderr = OutputPump.start(name + "-stderr", process.getErrorStream(), output);
    this.exited =
        process
            .onExit()
            .thenApply(
                ended -> {
                  registry.forget(ended.pid());
                  return exitReport();
                });
  }

  /**
   * Starts {@code python -m module --adapter ... --node-socket ... arguments}, with the pool's
   * environment.
   *
   * @param name the process's tag in the node's log
   * @param protocol takes the stdout lines meant for the node, and says so by returning true
   */
  static PythonProcess start(
      String name,
      String module,
      List<String> arguments,
      WorkerLaunchSpec spec,
      WorkerRegistry registry,
      Predicate<String> protocol) {
    ProcessBuilder builder = new ProcessBuilder(command(module, arguments, spec));
    Map<String, String> env = builder.environment();
    env.put("PYTHONPATH", pythonPath(spec));
    env.put("PYTHONUNBUFFERED", "1");
    env.put("SNAKEPIT_SECRET", spec.secret());
    env.put(RUN_ID_VARIABLE, spec.runId());
    env.put("SNAKEPIT_MAX_MESSAGE_BYTES", Long.toString(spec.maxMessageBytes()));
    env.put("SNAKEPIT_CONCURRENT_CALLS", Integer.toString(spec.concurrentCalls()));
    try {
      return new PythonProcess(name, builder.start(), registry, protocol);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.python(), e);
    }
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  CompletableFuture<ExitReport> exited() {
    return exited;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Writes one line to the process's stdin. */
  synchronized void send(String line) throws IOException {
    OutputStream stdin = process.getOutputStream();
    stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    stdin.flush();
  }

  /** Asks the process to exit (EOF on its stdin, then SIGTERM), and kills it if it lingers. */
  void stop(long graceMillis) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // Already closed: the process is exiting anyway.
    }
    process.destroy();
    try {
      if (!process.waitFor(graceMillis, TimeUnit.MILLISECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      kill();
      Thread.currentThread().interrupt();
    }
  }

  /** SIGKILL, with every process it started. */
  void kill() {
    WorkerProcess.killWithDescendants(process.toHandle());
  }

  private ExitReport exitReport() {
    // Processes a tool started may outlive a worker that crashed: they are in its group.
    ProcessGroups.killMembers(process.pid(), Instant.now());
    try {
      // Every line, up to the last words of a crash, before the report.
      stderr.awaitEnd(1_000);
      stdout.awaitEnd(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new ExitReport(process.exitValue(), output.tail());
  }

  private static List<String> command(
      String module, List<String> arguments, WorkerLaunchSpec spec) {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(spec.python().toString(), "-u", "-m", module));
    command.addAll(
        List.of("--adapter", spec.adapter(), "--node-socket", spec.nodeSocket().toString()));
    command.addAll(arguments);
    return command;
  }

  private static String pythonPath(WorkerLaunchSpec spec) {
    List<String> entries = new ArrayList<>();
    spec.pythonPath().forEach(path -> entries.add(path.toAbsolutePath().toString()));
    entries.add(spec.runtimePath().toString());
    return String.join(":", entries);
  }
}
