package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.Preload;
import java.util.Random;
import java.util.Set;

/**
 * A named kind of failure the harness can inflict on a cluster and take back, as etcd's robustness
 * suite keeps its failpoints: the harness picks one by name, and the fault draws every choice it
 * makes (which node, which split) from the run's seeded random source.
 */
public interface Fault {

  String name();

  /**
   * What the node processes must preload when they start for this fault to reach inside them: the
   * run starts its cluster with these.
   */
  default Set<Preload> preloads() {
    return Set.of();
  }

  /** Whether the runtime can do this at all; a process runtime cannot cut links, for one. */
  default boolean supports(Cluster cluster) {
    return true;
  }

  /** Inflicts the fault now; the returned injection says what it did and takes it back. */
  Injection inject(Cluster cluster, Random random);

  /** One fault in force. */
  interface Injection {

    /** What was done, to whom, for the report: "killed n3 (the leader)". */
    String description();

    /** Undoes the fault: restarts, resumes or reconnects. */
    void heal();
  }
}
