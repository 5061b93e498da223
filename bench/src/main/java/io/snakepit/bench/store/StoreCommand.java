package io.snakepit.bench.store;

import io.snakepit.bench.cluster.RunFiles;
import io.snakepit.bench.load.LoadOptions;
import io.snakepit.bench.load.LoadSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

  @Option(
      names = "--clients",
      paramLabel = "N",
      split = ",",
      defaultValue = "1,16,64",
      description = "Concurrent clients of the steps (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Mixin LoadOptions load;

  @Option(
      names = "--quick",
      description = "A smoke run of a few seconds of load instead (1 and 4 clients), not a result.")
  boolean quick;

  @Mixin RunFiles files;

  @Option(
      names = "--etcd",
      paramLabel = "PROGRAM",
      defaultValue = "etcd",
      description = "The etcd server to run, Debian's etcd-server (default: ${DEFAULT-VALUE}).")
  String etcd;

  public static int run(String... args) {
    return new CommandLine(new StoreCommand()).execute(args);
  }

  @Override
  public Integer call() throws IOException {
    LoadSettings settings = quick ? StoreComparison.QUICK : load.settings(clients);
    return files.run(
        "store",
        work -> {
          List<String> conditions = conditions(settings, work, EtcdCluster.describe(etcd));
          try (SystemUnderTest snakepit =
                  SnakepitCluster.start(files.nodeJar(), work.resolve("snakepit"));
              SystemUnderTest anchor = EtcdCluster.start(etcd, work.resolve("etcd"))) {
            ComparisonResult result =
                new StoreComparison(settings, System.err::println).run(List.of(snakepit, anchor));
            return new RunFiles.Outcome(StoreReport.markdown(conditions, result), result.clean());
          }
        });
  }

  /** How the run went, for whoever reads the figures later. */
  private static List<String> conditions(LoadSettings settings, Path work, String etcdDescription)
      throws IOException {
    return List.of(
        RunFiles.describeRun(work),
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
}
