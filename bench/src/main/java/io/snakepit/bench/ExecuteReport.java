package io.snakepit.bench;

import io.snakepit.bench.BenchMain.RouteFigures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The execute benchmark's figures as a Markdown table, with the node's cost per concurrency. */
final class ExecuteReport {

  private ExecuteReport() {}

  static String markdown(List<RouteFigures> figures) {
    List<String> lines = new ArrayList<>();
    lines.add("| concurrency | route | calls/s | p50 µs | p99 µs |");
    lines.add("| ---: | --- | ---: | ---: | ---: |");
    figures.forEach(figure -> lines.add(figure.row()));
    lines.add("");
    for (int threads : BenchMain.CONCURRENCY) {
      RouteFigures node = find(figures, "viaNode", threads);
      RouteFigures direct = find(figures, "directToWorker", threads);
      lines.add(
          String.format(
              Locale.ROOT,
              "- concurrency %d: the node adds %.0f µs to the direct p50 and keeps %.0f%% of the"
                  + " direct calls/s",
              threads,
              node.p50() - direct.p50(),
              100 * node.callsPerSecond() / direct.callsPerSecond()));
    }
    return String.join("\n", lines) + "\n";
  }

  private static RouteFigures find(List<RouteFigures> figures, String route, int threads) {
    return figures.stream()
        .filter(figure -> figure.route().equals(route) && figure.threads() == threads)
        .findFirst()
        .orElseThrow();
  }
}
