package io.snakepit.bench.store;

import io.snakepit.bench.load.StepMeasurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The store benchmark's figures as Markdown: how it ran, a table with both systems side by side and
 * the subject's ratio to its anchor, the goals against the figures, and the checks.
 */
final class StoreReport {

  /** The goals: compare-and-set throughput at the most clients, against the anchor's. */
  private static final double CAS_THROUGHPUT_GOAL = 5;

  private StoreReport() {}

  static String markdown(List<String> conditions, ComparisonResult result) {
    String subject = result.systems().get(0);
    String anchor = result.systems().get(1);
    List<Integer> clientCounts =
        result.steps().stream().map(StepResult::clients).distinct().sorted().toList();
    List<String> lines = new ArrayList<>();
    conditions.forEach(condition -> lines.add("- " + condition));
    lines.add("");
    lines.add(
        String.format(
            "| operation | clients | %1$s calls/s | %1$s p50 µs | %1$s p99 µs"
                + " | %2$s calls/s | %2$s p50 µs | %2$s p99 µs | calls/s ratio | p99 ratio |",
            subject, anchor));
    lines.add("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (Operation operation : Operation.values()) {
      for (int clients : clientCounts) {
        lines.add(
            row(result.step(subject, operation, clients), result.step(anchor, operation, clients)));
      }
    }
    lines.add("");
    lines.add(casGoal(result, subject, anchor, clientCounts.get(clientCounts.size() - 1)));
    lines.add(readGoal(result, subject, anchor, clientCounts));
    result.steps().stream()
        .filter(step -> step.measurement().errors() > 0)
        .forEach(step -> lines.add("- errors: " + step.summary()));
    result.checks().forEach(check -> lines.add("- " + check.summary()));
    return String.join("\n", lines) + "\n";
  }

  private static String row(StepResult subject, StepResult anchor) {
    StepMeasurement ours = subject.measurement();
    StepMeasurement theirs = anchor.measurement();
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |",
        subject.operation().label(),
        subject.clients(),
        ours.callsPerSecond(),
        ours.percentileMicros(50),
        ours.percentileMicros(99),
        theirs.callsPerSecond(),
        theirs.percentileMicros(50),
        theirs.percentileMicros(99),
        throughputRatio(subject, anchor),
        ours.percentileMicros(99) / theirs.percentileMicros(99));
  }

  private static String casGoal(
      ComparisonResult result, String subject, String anchor, int clients) {
    StepResult ours = result.step(subject, Operation.COMPARE_AND_SET, clients);
    StepResult theirs = result.step(anchor, Operation.COMPARE_AND_SET, clients);
    double throughput = throughputRatio(ours, theirs);
    double p99 =
        ours.measurement().percentileMicros(99) / theirs.measurement().percentileMicros(99);
    return String.format(
        Locale.ROOT,
        "- compare-and-set at %d clients: %s does %.2f× %s's calls/s (goal: at least %.0f×: %s)"
            + " with %.2f× its p99 (goal: at most 1×: %s)",
        clients,
        subject,
        throughput,
        anchor,
        CAS_THROUGHPUT_GOAL,
        verdict(throughput >= CAS_THROUGHPUT_GOAL),
        p99,
        verdict(p99 <= 1));
  }

  private static String readGoal(
      ComparisonResult result, String subject, String anchor, List<Integer> clientCounts) {
    List<Double> ratios =
        clientCounts.stream()
            .map(
                clients ->
                    throughputRatio(
                        result.step(subject, Operation.LINEARIZABLE_READ, clients),
                        result.step(anchor, Operation.LINEARIZABLE_READ, clients)))
            .toList();
    return String.format(
        Locale.ROOT,
        "- linearizable reads at %s clients: %s does %s %s's calls/s (goal: at least 1× at each:"
            + " %s)",
        clientCounts.stream().map(String::valueOf).collect(Collectors.joining(", ")),
        subject,
        ratios.stream()
            .map(ratio -> String.format(Locale.ROOT, "%.2f×", ratio))
            .collect(Collectors.joining(", ")),
        anchor,
        verdict(ratios.stream().allMatch(ratio -> ratio >= 1)));
  }

  private static double throughputRatio(StepResult subject, StepResult anchor) {
    return subject.measurement().callsPerSecond() / anchor.measurement().callsPerSecond();
  }

  private static String verdict(boolean met) {
    return met ? "met" : "not met";
  }
}
