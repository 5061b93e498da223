package io.snakepit.chaos.report;

import io.snakepit.chaos.fault.FaultWindow;
import io.snakepit.chaos.run.RunResult;
import io.snakepit.chaos.run.RunSettings;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The end of a run in words: what ran, how operations ended, which faults when, the verdict. */
public final class RunReport {

  private RunReport() {}

  public static String text(RunResult result) {
    RunSettings settings = result.settings();
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            Locale.ROOT,
            "workload %s, fault %s, %d nodes on %s, %d s, %d clients, seed %d%n",
            settings.workload(),
            settings.fault(),
            settings.nodes(),
            result.runtime(),
            settings.time().toSeconds(),
            settings.concurrency(),
            settings.seed()));
    text.append(result.counts()).append('\n');
    text.append("faults: ").append(result.faults().applied().size()).append('\n');
    for (Availability.Fault fault : result.availability().faults()) {
      FaultWindow window = fault.window();
      text.append(
          String.format(
              Locale.ROOT,
              "  %6.1f s .. %6.1f s  %s; first write after %s, back to half rate %s after heal%n",
              seconds(window.startNanos(), result.startNanos()),
              seconds(window.endNanos(), result.startNanos()),
              window.description(),
              seconds(fault.toFirstWrite()),
              fault.healedInTime() ? seconds(fault.toRecovery()) : "unmeasured (clients stopped)"));
    }
    for (String reason : result.faults().notApplied()) {
      text.append("  not applied: ").append(reason).append('\n');
    }
    if (!result.faults().applied().isEmpty()) {
      text.append(availability("all faults", result.availability()));
      text.append(availability("on the leader", result.availability().onTheLeader()));
    }
    text.append("history: ").append(result.history()).append('\n');
    text.append("latency plot: ").append(result.plot()).append('\n');
    text.append("verdict: ")
        .append(result.check().validity())
        .append(": ")
        .append(result.check().summary())
        .append('\n');
    if (!result.check().details().isEmpty()) {
      text.append(result.check().details()).append('\n');
    }
    return text.toString();
  }

  private static String availability(String which, Availability availability) {
    return String.format(
        Locale.ROOT,
        "availability, %s (%d): median %s to the first write, %s to half rate after heal"
            + " (never: %d)%n",
        which,
        availability.faults().size(),
        seconds(availability.medianToFirstWrite()),
        seconds(availability.medianToRecovery()),
        availability.neverRecovered());
  }

  private static String seconds(Optional<Duration> duration) {
    return duration
        .map(value -> String.format(Locale.ROOT, "%.2f s", value.toNanos() / 1e9))
        .orElse("never");
  }

  private static double seconds(long nanos, long startNanos) {
    return (nanos - startNanos) / 1e9;
  }
}
