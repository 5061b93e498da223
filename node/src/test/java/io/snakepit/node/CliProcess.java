package io.snakepit.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the CLI the way users run it, {@code java -jar snakepit-node.jar ...}, as a separate
 * process: its exit code and what it printed on stdout and stderr.
 */
record CliProcess(int exitCode, String out, String err) {

  private static final long TIMEOUT_SECONDS = 60;

  /** {@code java -jar <the node's jar>} followed by {@code args}. */
  static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("snakepit.nodeJar", "target/snakepit-node.jar"));
    command.addAll(args);
    return command;
  }

  /** Runs the CLI to its end; fails when it takes longer than a minute. */
  static CliProcess run(String... args) throws InterruptedException {
    return run(Map.of(), args);
  }

  /** As {@link #run(String...)}, with {@code environment} set in the CLI's. */
  static CliProcess run(Map<String, String> environment, String... args)
      throws InterruptedException {
    try {
      // Files, not pipes: a process that fills one pipe while we read the other would hang.
      Path out = Files.createTempFile("snakepit-cli", ".out");
      Path err = Files.createTempFile("snakepit-cli", ".err");
      try {
        ProcessBuilder builder =
            new ProcessBuilder(command(List.of(args)))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
          throw new AssertionError("the CLI did not end within a minute: " + List.of(args));
        }
        return new CliProcess(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
