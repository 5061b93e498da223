package io.snakepit.bench;

import io.snakepit.bench.forward.ForwardCommand;
import io.snakepit.bench.store.StoreCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link ExecuteBenchmark} at concurrency 1 and 16, both routes in one run, and prints a
 * Markdown table (calls/s, p50, p99, and the node's cost against the direct call).
 *
 * <p>{@code java -jar bench/target/benchmarks.jar [--quick] [--out FILE]}; any other JMH use goes
 * through {@code java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main}. {@code java -jar
 * bench/target/benchmarks.jar store ...} runs the store benchmark instead ({@link StoreCommand}),
 * {@code ... forward ...} the forwarding benchmark ({@link ForwardCommand}).
 */
public final class BenchMain {

  static final List<Integer> CONCURRENCY = List.of(1, 16);

  /** The other benchmarks, each with a command line of its own. */
  private static final Map<String, Function<String[], Integer>> SUBCOMMANDS =
      Map.of("store", StoreCommand::run, "forward", ForwardCommand::run);

  private BenchMain() {}

  public static void main(String[] args) throws RunnerException, IOException {
    if (args.length > 0 && SUBCOMMANDS.containsKey(args[0])) {
      System.exit(SUBCOMMANDS.get(args[0]).apply(Arrays.copyOfRange(args, 1, args.length)));
    }
    List<String> arguments = List.of(args);
    boolean quick = arguments.contains("--quick");
    List<RouteFigures> figures = measure(quick);
    String table = ExecuteReport.markdown(figures);
    System.out.println(table);
    int out = arguments.indexOf("--out");
    if (out >= 0) {
      Files.writeString(Path.of(arguments.get(out + 1)), table);
    }
  }

  /** Measures both routes at every concurrency; {@code quick} is a smoke run of a few seconds. */
  static List<RouteFigures> measure(boolean quick) throws RunnerException {
    List<RouteFigures> figures = new ArrayList<>();
    for (int threads : CONCURRENCY) {
      ChainedOptionsBuilder options =
          new OptionsBuilder()
              .include(ExecuteBenchmark.class.getName() + "\\.")
              .threads(threads)
              .mode(Mode.Throughput)
              .mode(Mode.SampleTime)
              .timeUnit(TimeUnit.MICROSECONDS)
              .forks(quick ? 0 : 1)
              .warmupIterations(quick ? 1 : 3)
              .warmupTime(TimeValue.seconds(quick ? 1 : 3))
              .measurementIterations(quick ? 1 : 5)
              .measurementTime(TimeValue.seconds(quick ? 1 : 3));
      var results = new Runner(options.build()).run();
      for (String route : List.of("viaNode", "directToWorker")) {
        figures.add(RouteFigures.from(route, threads, results));
      }
    }
    return figures;
  }

  /** One route at one concurrency. */
  record RouteFigures(String route, int threads, double callsPerSecond, double p50, double p99) {

    static RouteFigures from(String route, int threads, Collection<RunResult> results) {
      double throughput = 0;
      double p50 = 0;
      double p99 = 0;
      for (RunResult run : results) {
        if (!run.getParams().getBenchmark().endsWith("." + route)) {
          continue;
        }
        Result<?> primary = run.getPrimaryResult();
        if (run.getParams().getMode() == Mode.Throughput) {
          throughput = primary.getScore() * 1_000_000; // ops/µs to ops/s
        } else {
          p50 = primary.getStatistics().getPercentile(50);
          p99 = primary.getStatistics().getPercentile(99);
        }
      }
      return new RouteFigures(route, threads, throughput, p50, p99);
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %d | %s | %.0f | %.0f | %.0f |",
          threads,
          route,
          callsPerSecond,
          p50,
          p99);
    }
  }
}
