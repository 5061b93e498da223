package io.snakepit.chaos.runtime;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Where a cluster runs. */
public enum RuntimeKind {
  /** Each node in its own container: every fault. */
  CONTAINERS,
  /** Node processes on loopback: kill, pause and membership; no partitions. */
  PROCESSES,
  /**
   * Containers when a Docker engine answers. Without one: processes with a warning, or, in CI
   * ({@code CI=true}), a failure, so that a CI run never passes with the partitions untested.
   */
  AUTO;

  public static RuntimeKind parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The runtime to use on this machine; warns through {@code out} when it falls back. */
  public RuntimeKind resolve(Consumer<String> out) {
    return resolve(
        out, ContainerCluster::dockerAvailable, "true".equalsIgnoreCase(System.getenv("CI")));
  }

  RuntimeKind resolve(Consumer<String> out, BooleanSupplier dockerAvailable, boolean inCi) {
    if (this != AUTO) {
      return this;
    }
    if (dockerAvailable.getAsBoolean()) {
      return CONTAINERS;
    }
    if (inCi) {
      throw new IllegalStateException(
          "no Docker engine answers, and CI=true: the chaos suite's containers (and its partition"
              + " faults) must run in CI. scripts/start-docker.sh starts one; its log says why it"
              + " could not.");
    }
    out.accept(
        "WARNING: no Docker engine answers: the chaos suite runs on node PROCESSES, where partition"
            + " faults cannot run. Start dockerd (scripts/start-docker.sh) for the container"
            + " runtime.");
    return PROCESSES;
  }

  /** Starts a cluster on a resolved runtime. */
  public Cluster start(ClusterSpec spec) {
    switch (this) {
      case CONTAINERS:
        return ContainerCluster.start(spec);
      case PROCESSES:
        return ProcessCluster.start(spec);
      default:
        throw new IllegalStateException("resolve the runtime first");
    }
  }
}
