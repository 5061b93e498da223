package io.snakepit.chaos.run;

import io.snakepit.chaos.fault.Nemesis;
import io.snakepit.chaos.runtime.RuntimeKind;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One chaos run.
 *
 * @param fault a name of {@link io.snakepit.chaos.fault.Faults}, or none
 * @param time how long the clients run under faults (final reads come after)
 * @param concurrency client threads
 * @param outDir where the history, the report and the plot go
 */
public record RunSettings(
    String workload,
    String fault,
    int nodes,
    Duration time,
    long seed,
    int concurrency,
    RuntimeKind runtime,
    Path nodeJar,
    Path outDir,
    Nemesis.Rhythm rhythm) {}
