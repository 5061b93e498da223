package io.snakepit.bench;

import io.snakepit.node.config.StartMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The start-time benchmark's samples as a Markdown table, forked against spawned per size. */
final class StartTimeReport {

  private StartTimeReport() {}

  static String markdown(List<StartSample> samples) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "| workers | start method | until all answer, median s | every run s | USS per worker MiB"
            + " | PSS per worker MiB | fork server USS MiB |");
    lines.add("| ---: | --- | ---: | --- | ---: | ---: | ---: |");
    List<Integer> sizes = samples.stream().map(StartSample::workers).distinct().sorted().toList();
    for (int workers : sizes) {
      for (StartMethod method : StartMethod.values()) {
        List<StartSample> runs = runs(samples, workers, method);
        if (!runs.isEmpty()) {
          lines.add(row(workers, method, runs));
        }
      }
    }
    lines.add("");
    for (int workers : sizes) {
      List<StartSample> forked = runs(samples, workers, StartMethod.FORK);
      List<StartSample> spawned = runs(samples, workers, StartMethod.SPAWN);
      if (!forked.isEmpty() && !spawned.isEmpty()) {
        lines.add(
            String.format(
                Locale.ROOT,
                "- %d workers: forked %.2f s against spawned %.2f s; a forked worker's USS is"
                    + " %.0f%% of a spawned one's",
                workers,
                seconds(median(forked)),
                seconds(median(spawned)),
                100 * meanUss(forked) / meanUss(spawned)));
      }
    }
    return String.join("\n", lines) + "\n";
  }

  private static String row(int workers, StartMethod method, List<StartSample> runs) {
    String every =
        runs.stream()
            .map(run -> String.format(Locale.ROOT, "%.2f", seconds(run.untilAllAnswer())))
            .collect(Collectors.joining(", "));
    String forkServer =
        runs.get(runs.size() - 1)
            .forkServerMemory()
            .map(memory -> String.format(Locale.ROOT, "%.1f", memory.ussKib() / 1024.0))
            .orElse("–");
    return String.format(
        Locale.ROOT,
        "| %d | %s | %.2f | %s | %.1f | %.1f | %s |",
        workers,
        method.name().toLowerCase(Locale.ROOT),
        seconds(median(runs)),
        every,
        meanUss(runs),
        runs.stream().mapToDouble(StartSample::meanPssMib).average().orElse(0),
        forkServer);
  }

  private static List<StartSample> runs(List<StartSample> samples, int workers, StartMethod m) {
    return samples.stream()
        .filter(sample -> sample.workers() == workers && sample.method() == m)
        .toList();
  }

  private static Duration median(List<StartSample> runs) {
    List<Duration> sorted =
        runs.stream().map(StartSample::untilAllAnswer).sorted(Comparator.naturalOrder()).toList();
    return sorted.get(sorted.size() / 2);
  }

  private static double meanUss(List<StartSample> runs) {
    return runs.stream().mapToDouble(StartSample::meanUssMib).average().orElse(0);
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
