package io.snakepit.bench.forward;

import io.snakepit.bench.load.StepMeasurement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The forwarding benchmark's figures as Markdown: how it ran, a table with both routes side by
 * side, the goal against the figures, and where the calls ran.
 */
final class ForwardReport {

  /** The goal: a forwarded call adds at most this much to the p50 of a local one. */
  static final double P50_ADDED_GOAL_MICROS = 300;

  private ForwardReport() {}

  static String markdown(List<String> conditions, ForwardResult result) {
    List<Integer> clientCounts =
        result.steps().stream().map(ForwardStep::clients).distinct().sorted().toList();
    List<String> lines = new ArrayList<>();
    conditions.forEach(condition -> lines.add("- " + condition));
    lines.add("");
    lines.add(
        "| concurrency | local calls/s | local p50 µs | local p99 µs | forwarded calls/s"
            + " | forwarded p50 µs | forwarded p99 µs | p50 added µs | calls/s ratio |");
    lines.add("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (int clients : clientCounts) {
      lines.add(row(clients, result));
    }
    lines.add("");
    clientCounts.forEach(clients -> lines.add(goal(clients, result)));
    result.steps().stream()
        .filter(step -> step.measurement().errors() > 0)
        .forEach(step -> lines.add("- errors: " + step.summary()));
    result.ranOn().forEach((route, counts) -> lines.add(whereCallsRan(route, counts)));
    return String.join("\n", lines) + "\n";
  }

  private static String row(int clients, ForwardResult result) {
    StepMeasurement local = result.step(Route.LOCAL, clients).measurement();
    StepMeasurement forwarded = result.step(Route.FORWARDED, clients).measurement();
    return String.format(
        Locale.ROOT,
        "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f |",
        clients,
        local.callsPerSecond(),
        local.percentileMicros(50),
        local.percentileMicros(99),
        forwarded.callsPerSecond(),
        forwarded.percentileMicros(50),
        forwarded.percentileMicros(99),
        p50Added(local, forwarded),
        forwarded.callsPerSecond() / local.callsPerSecond());
  }

  private static String goal(int clients, ForwardResult result) {
    StepMeasurement local = result.step(Route.LOCAL, clients).measurement();
    StepMeasurement forwarded = result.step(Route.FORWARDED, clients).measurement();
    double added = p50Added(local, forwarded);
    return String.format(
        Locale.ROOT,
        "- concurrency %d: a forwarded call adds %.0f µs to the local p50 (goal: at most %.0f µs:"
            + " %s) and does %.2f× the local calls/s",
        clients,
        added,
        P50_ADDED_GOAL_MICROS,
        added <= P50_ADDED_GOAL_MICROS ? "met" : "not met",
        forwarded.callsPerSecond() / local.callsPerSecond());
  }

  private static double p50Added(StepMeasurement local, StepMeasurement forwarded) {
    return forwarded.percentileMicros(50) - local.percentileMicros(50);
  }

  private static String whereCallsRan(Route route, Map<String, Long> counts) {
    return String.format(
        "- %s calls (entering through %s), warm-ups included, ran on: %s (%s)",
        route.label(),
        route.entryNode(),
        counts.entrySet().stream()
            .map(count -> count.getKey() + " " + count.getValue())
            .collect(Collectors.joining(", ")),
        ForwardResult.allOnOwner(counts)
            ? "all on the owner"
            : "check failed: not all on the owner " + Route.OWNER);
  }
}
