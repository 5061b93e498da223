package io.snakepit.chaos.runtime;

import java.util.Locale;
import java.util.function.Consumer;

/** Where a cluster runs. */
public enum RuntimeKind {
  /** Each node in its own container: every fault. */
  CONTAINERS,
  /** Node processes on loopback: kill, pause and membership; no partitions. */
  PROCESSES,
  /** Containers when a Docker engine answers, else processes, with a warning. */
  AUTO;

  public static RuntimeKind parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** The runtime to use on this machine; warns through {@code out} when it falls back. */
  public RuntimeKind resolve(Consumer<String> out) {
    if (this != AUTO) {
      return this;
    }
    if (ContainerCluster.dockerAvailable()) {
      return CONTAINERS;
    }
    out.accept(
        "WARNING: no Docker engine answers: the chaos suite runs on node PROCESSES, where partition"
            + " faults cannot run. Start dockerd (see .ci/run) for the container runtime.");
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
