package io.snakepit.bench;

import io.snakepit.node.config.StartMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How long a pool takes from its start until all its workers answer, forked from a warm fork server
 * against spawned as fresh interpreters, and how much private memory each worker holds. Both
 * methods and every size in one run, the methods taking turns round by round; prints a Markdown
 * table.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.snakepit.bench.StartTimeBenchmark [--workers
 * 16,100] [--rounds 3] [--warmup-workers 4] [--out FILE]}
 */
public final class StartTimeBenchmark {

  /** What to measure: each size, by both methods, {@code rounds} times each. */
  record Plan(List<Integer> workers, int rounds, int warmupWorkers) {

    static Plan from(List<String> arguments) {
      return new Plan(
          Arrays.stream(option(arguments, "--workers", "16,100").split(","))
              .map(String::strip)
              .map(Integer::parseInt)
              .toList(),
          Integer.parseInt(option(arguments, "--rounds", "3")),
          Integer.parseInt(option(arguments, "--warmup-workers", "4")));
    }

    private static String option(List<String> arguments, String name, String otherwise) {
      int at = arguments.indexOf(name);
      return at >= 0 ? arguments.get(at + 1) : otherwise;
    }
  }

  private StartTimeBenchmark() {}

  public static void main(String[] args) throws IOException {
    List<String> arguments = List.of(args);
    String table = StartTimeReport.markdown(measure(Plan.from(arguments)));
    System.out.println(table);
    int out = arguments.indexOf("--out");
    if (out >= 0) {
      Files.writeString(Path.of(arguments.get(out + 1)), table);
    }
  }

  static List<StartSample> measure(Plan plan) {
    List<StartSample> samples = new ArrayList<>();
    try (WorkerStarts starts = new WorkerStarts()) {
      // Loads and compiles the launch path once, so that the first measured start does not pay.
      if (plan.warmupWorkers() > 0) {
        for (StartMethod method : StartMethod.values()) {
          starts.measure(method, plan.warmupWorkers());
        }
      }
      for (int round = 0; round < plan.rounds(); round++) {
        for (int workers : plan.workers()) {
          for (StartMethod method : inTurn(round)) {
            samples.add(starts.measure(method, workers));
          }
        }
      }
    }
    return samples;
  }

  /** Both methods, the first one alternating from round to round. */
  private static List<StartMethod> inTurn(int round) {
    List<StartMethod> methods = new ArrayList<>(List.of(StartMethod.values()));
    if (round % 2 == 1) {
      Collections.reverse(methods);
    }
    return methods;
  }
}
