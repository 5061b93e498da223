package io.snakepit.bench.forward;

import io.snakepit.bench.cluster.LocalCluster;
import io.snakepit.bench.cluster.RunFiles;
import io.snakepit.bench.cluster.SnakepitNodes;
import io.snakepit.bench.load.LoadOptions;
import io.snakepit.bench.load.LoadSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar benchmarks.jar forward}: a session's execute entering through the node that owns
 * it against the same execute entering through another node, which forwards it once to the owner;
 * three Snakepit nodes on this machine, both routes in one run. Prints the report (Markdown) on
 * stdout and the progress on stderr. Exits 1, keeping the nodes' logs and data, when a measured
 * call failed or a call ran elsewhere than on the owner.
 */
@Command(
    name = "forward",
    mixinStandardHelpOptions = true,
    description =
        "The example adapter's ping in a session owned by node b, entering through b (local) and"
            + " through a (forwarded once to b), on 3 Snakepit nodes on this machine, in one run.")
public final class ForwardCommand implements Callable<Integer> {

  @Option(
      names = "--clients",
      paramLabel = "N",
      split = ",",
      defaultValue = "1,16",
      description =
          "Concurrent clients of the steps (default: ${DEFAULT-VALUE}: a lone call's latency,"
              + " and the owner's workers kept busy).")
  List<Integer> clients;

  @Mixin LoadOptions load;

  @Option(
      names = "--pool-size",
      paramLabel = "N",
      description =
          "Workers of each node's pool (default: this machine's cores, "
              + "${DEFAULT-VALUE}, as a node's own default: a ping is CPU-bound, so workers"
              + " beyond the cores only take turns on them).")
  int poolSize = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--quick",
      description = "A smoke run of a few seconds of load instead, not a result.")
  boolean quick;

  @Mixin RunFiles files;

  public static int run(String... args) {
    return new CommandLine(new ForwardCommand()).execute(args);
  }

  @Override
  public Integer call() throws IOException {
    LoadSettings settings = quick ? ForwardComparison.QUICK : load.settings(clients);
    return files.run(
        "forward",
        work -> {
          List<String> conditions = conditions(settings, work);
          try (LocalCluster nodes = SnakepitNodes.start(files.nodeJar(), work, poolSize)) {
            ForwardResult result = new ForwardComparison(settings, System.err::println).run(nodes);
            return new RunFiles.Outcome(ForwardReport.markdown(conditions, result), result.clean());
          }
        });
  }

  /** How the run went, for whoever reads the figures later. */
  private List<String> conditions(LoadSettings settings, Path work) throws IOException {
    return List.of(
        RunFiles.describeRun(work),
        "Snakepit: " + SnakepitNodes.describe(poolSize) + " (the example adapter)",
        "workload: the example adapter's ping in session "
            + ForwardComparison.sessionOwnedBy(Route.OWNER)
            + String.format(
                ", owned by %1$s; local: entering through %1$s; forwarded: entering through %2$s,"
                    + " which forwards it once to %1$s; on both routes %1$s looks the session up"
                    + " in the store and runs the call on its pool; ",
                Route.OWNER, Route.FORWARDED.entryNode())
            + "the Java SDK, one channel per entry node shared by the clients; closed loop, steps"
            + " alternating between the routes; "
            + settings.describe("route"));
  }
}
