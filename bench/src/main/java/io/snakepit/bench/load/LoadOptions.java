package io.snakepit.bench.load;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The timing options of a closed-loop benchmark's command ({@code @Mixin}). */
public final class LoadOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Seconds of unmeasured load at the start of each step (default: 10).")
  int warmupSeconds;

  @Option(
      names = "--measure",
      paramLabel = "SECONDS",
      defaultValue = "20",
      description = "Seconds measured in each step (default: 20).")
  int measureSeconds;

  @Option(
      names = "--initial-warmup",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Seconds of load on each system or route before the first step (default: 60).")
  int initialWarmupSeconds;

  /** These timings at these client counts; a bad value is the command line's error. */
  public LoadSettings settings(List<Integer> clients) {
    try {
      return new LoadSettings(
          clients,
          Duration.ofSeconds(warmupSeconds),
          Duration.ofSeconds(measureSeconds),
          Duration.ofSeconds(initialWarmupSeconds));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(command.commandLine(), e.getMessage(), e);
    }
  }
}
