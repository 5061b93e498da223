package io.snakepit.bench.store;

import io.snakepit.bench.load.LoadSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar benchmarks.jar store}: the Raft session store on three Snakepit nodes against
 * etcd on three members, both on this machine in one run; prints the report (Markdown) on stdout
 * and the progress on stderr. Exits 1, keeping the servers' logs and data, when a store lost an
 * update or answered a stale read.
 */
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    description =
        "Compare-and-set updates and linearizable reads of 1 KiB records: the Raft session store"
            + " on 3 Snakepit nodes against etcd on 3 members, on this machine, in one run.")
public final class StoreCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--clients",
      paramLabel = "N",
      split = ",",
      defaultValue = "1,16,64",
      description = "Concurrent clients of the steps (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Seconds of unmeasured load at the start of each step (default: 10).")
  int warmupSeconds;

  @Option(
      names = "--measure",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description = "Seconds measured in each step (default: 20).")
  int measureSeconds;

  @Option(
      names = "--initial-warmup",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Seconds of load on each system before the first step (default: 60).")
  int initialWarmupSeconds;

  @Option(
      names = "--quick",
      description = "A smoke run of a few seconds of load instead (1 and 4 clients), not a result.")
  boolean quick;

  @Option(
      names = "--node-jar",
      paramLabel = "JAR",
      defaultValue = "node/target/snakepit-node.jar",
      description = "The Snakepit node's jar (default: ${DEFAULT-VALUE}).")
  Path nodeJar;

  @Option(
      names = "--etcd",
      paramLabel = "PROGRAM",
      defaultValue = "etcd",
      description = "The etcd server to run, Debian's etcd-server (default: ${DEFAULT-VALUE}).")
  String etcd;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "Where both clusters keep their data, in a fresh directory removed after the run"
              + " (default: the temporary directory). Put it on the disk to measure: on tmpfs an"
              + " fsync costs nothing.")
  Path dir = Path.of(System.getProperty("java.io.tmpdir"));

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also writes the report to this file.")
  Path out;

  public static int run(String... args) {
    return new CommandLine(new StoreCommand()).execute(args);
  }

  @Override
  public Integer call() throws IOException {
    LoadSettings settings = quick ? StoreComparison.QUICK : settings();
    Path work = Files.createTempDirectory(Files.createDirectories(dir), "snakepit-store-bench");
    List<String> conditions = conditions(settings, work, EtcdCluster.describe(etcd));
    ComparisonResult result;
    try (SystemUnderTest snakepit = SnakepitCluster.start(nodeJar, work.resolve("snakepit"));
        SystemUnderTest anchor = EtcdCluster.start(etcd, work.resolve("etcd"))) {
      result = new StoreComparison(settings, System.err::println).run(List.of(snakepit, anchor));
    } catch (RuntimeException e) {
      System.err.println("the run failed; the servers' logs and data are kept in " + work);
      throw e;
    }
    String report = StoreReport.markdown(conditions, result);
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report);
    }
    if (!result.clean()) {
      System.err.println("a check failed; the servers' logs and data are kept in " + work);
      return 1;
    }
    deleteTree(work);
    return 0;
  }

  private LoadSettings settings() {
    try {
      return new LoadSettings(
          clients,
          Duration.ofSeconds(warmupSeconds),
          Duration.ofSeconds(measureSeconds),
          Duration.ofSeconds(initialWarmupSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** How the run went, for whoever reads the figures later. */
  private static List<String> conditions(LoadSettings settings, Path work, String etcdDescription)
      throws IOException {
    String fileSystem = Files.getFileStore(work).type();
    return List.of(
        String.format(
            Locale.ROOT,
            "run %s on %d cores, Java %s; data in %s (%s%s)",
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            Runtime.getRuntime().availableProcessors(),
            Runtime.version(),
            work,
            fileSystem,
            fileSystem.contains("tmpfs")
                ? ": fsync costs nothing here, writes are not durable"
                : ""),
        SnakepitCluster.DESCRIPTION,
        etcdDescription,
        String.format(
            Locale.ROOT,
            "workload: record r (%d random bytes) written and read only by client r, through"
                + " member r mod 3; compare-and-set on the record's version, linearizable reads;"
                + " closed loop, steps alternating between the systems; %s",
            StoreComparison.RECORD_BYTES,
            settings.describe("system")));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
