package io.snakepit.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/**
 * Where a benchmark of local clusters finds the node's jar, keeps its servers' data and logs, and
 * writes its report: the options of its command ({@code @Mixin}), and a run in a fresh directory
 * that is kept when the run failed or a check did, for whoever looks into why.
 */
public final class RunFiles {

  /** What a run found: its report, and whether every check passed. */
  public record Outcome(String report, boolean clean) {}

  /** A benchmark's run, with its servers' files under {@code work}. */
  @FunctionalInterface
  public interface Run {
    Outcome in(Path work) throws IOException;
  }

  @Option(
      names = "--node-jar",
      paramLabel = "JAR",
      defaultValue = "node/target/snakepit-node.jar",
      description = "The Snakepit node's jar (default: ${DEFAULT-VALUE}).")
  Path nodeJar;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where the servers keep their data and logs, in a fresh directory removed after a run"
              + " that passed its checks (default: the temporary directory). Put it on the disk to"
              + " measure: on tmpfs an fsync costs nothing.")
  Path dir = Path.of(System.getProperty("java.io.tmpdir"));

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also writes the report to this file.")
  Path out;

  public Path nodeJar() {
    return nodeJar;
  }

  /**
   * Runs {@code run} in a fresh directory named after the benchmark, prints its report on stdout
   * (and writes it to {@code --out}), and removes the directory if every check passed.
   *
   * @return the command's exit status: 1 when a check failed
   */
  public int run(String benchmark, Run run) throws IOException {
    Path work =
        Files.createTempDirectory(Files.createDirectories(dir), "snakepit-" + benchmark + "-bench");
    Outcome outcome;
    try {
      outcome = run.in(work);
    } catch (RuntimeException e) {
      System.err.println("the run failed; the servers' logs and data are kept in " + work);
      throw e;
    }
    System.out.print(outcome.report());
    if (out != null) {
      Files.writeString(out, outcome.report());
    }
    if (!outcome.clean()) {
      System.err.println("a check failed; the servers' logs and data are kept in " + work);
      return 1;
    }
    try (Stream<Path> files = Files.walk(work)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
    return 0;
  }

  /** When, on what and where the run went, for whoever reads the figures later. */
  public static String describeRun(Path work) throws IOException {
    String fileSystem = Files.getFileStore(work).type();
    return String.format(
        Locale.ROOT,
        "run %s on %d cores, Java %s; data in %s (%s%s)",
        Instant.now().truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        Runtime.version(),
        work,
        fileSystem,
        fileSystem.contains("tmpfs") ? ": fsync costs nothing here, writes are not durable" : "");
  }
}
