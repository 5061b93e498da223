package io.snakepit.chaos;

import io.snakepit.chaos.fault.Faults;
import io.snakepit.chaos.fault.Nemesis;
import io.snakepit.chaos.report.RunReport;
import io.snakepit.chaos.run.ChaosRun;
import io.snakepit.chaos.run.RunResult;
import io.snakepit.chaos.run.RunSettings;
import io.snakepit.chaos.runtime.RuntimeKind;
import io.snakepit.chaos.workload.Workloads;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code snakepit-chaos --workload register --fault partition --nodes 5 --time 60 --seed 7}: one
 * chaos run with progress on stdout, then the report. Exits 0 when the history checks out, 1 when
 * it does not, 2 when the check could not decide or the arguments are wrong.
 */
public final class ChaosCommand {

  static final String USAGE =
      "usage: snakepit-chaos --node-jar JAR [--workload "
          + String.join("|", Workloads.names())
          + "] [--fault "
          + Faults.NONE
          + "|"
          + String.join("|", Faults.names())
          + "] [--nodes N] [--time SECONDS] [--seed S] [--concurrency C]"
          + " [--runtime auto|containers|processes] [--out DIR]";

  private ChaosCommand() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    RunSettings settings;
    try {
      settings = parse(args);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      out.println(USAGE);
      return 2;
    }
    long start = System.nanoTime();
    RunResult result =
        new ChaosRun(
                settings,
                line ->
                    out.printf(
                        Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - start) / 1e9, line))
            .run();
    String report = RunReport.text(result);
    Files.writeString(settings.outDir().resolve("report.txt"), report, StandardCharsets.UTF_8);
    out.print(report);
    switch (result.check().validity()) {
      case VALID:
        return 0;
      case INVALID:
        return 1;
      default:
        return 2;
    }
  }

  static RunSettings parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value at " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    String workload = options.getOrDefault("workload", "register");
    String fault = options.getOrDefault("fault", "partition");
    Duration time = Duration.ofSeconds(Long.parseLong(options.getOrDefault("time", "60")));
    Workloads.named(workload, time);
    if (!fault.equals(Faults.NONE)) {
      Faults.named(fault);
    }
    long seed = Long.parseLong(options.getOrDefault("seed", "1"));
    String jar = options.get("node-jar");
    if (jar == null) {
      throw new IllegalArgumentException("--node-jar is required");
    }
    return new RunSettings(
        workload,
        fault,
        Integer.parseInt(options.getOrDefault("nodes", "5")),
        time,
        seed,
        Integer.parseInt(options.getOrDefault("concurrency", "5")),
        RuntimeKind.parse(options.getOrDefault("runtime", "auto")),
        Path.of(jar),
        Path.of(
            options.getOrDefault(
                "out", "chaos/target/runs/" + workload + "-" + fault + "-" + seed)),
        Nemesis.Rhythm.standard());
  }
}
