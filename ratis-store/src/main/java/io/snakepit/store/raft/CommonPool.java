package io.snakepit.store.raft;

import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's common fork-join pool, sized for Ratis. A follower hands steps of every append it
 * receives to {@code CompletableFuture}'s default executor. On a machine with fewer than three
 * cores the common pool has a parallelism below two, and {@code CompletableFuture} then starts a
 * new thread for every such step: on two cores, two thread starts per replicated entry on each
 * follower, which cost more CPU than the entry itself.
 */
public final class CommonPool {

  static final String PARALLELISM_PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";

  /** The smallest parallelism at which {@code CompletableFuture} uses the common pool. */
  static final int MIN_PARALLELISM = 2;

  private static final Logger LOG = LoggerFactory.getLogger(CommonPool.class);

  private CommonPool() {}

  /**
   * Asks for a common pool of at least {@link #MIN_PARALLELISM} threads unless the JVM was given a
   * size. Takes effect only before anything uses the pool: call it first thing in {@code main}.
   */
  public static void sizeForRatis() {
    // The JDK's default is one thread fewer than the cores.
    boolean tooSmall = Runtime.getRuntime().availableProcessors() - 1 < MIN_PARALLELISM;
    if (tooSmall && System.getProperty(PARALLELISM_PROPERTY) == null) {
      System.setProperty(PARALLELISM_PROPERTY, Integer.toString(MIN_PARALLELISM));
    }
  }

  /** Warns when the pool is too small, for a store started in a JVM that did not size it. */
  static void warnIfTooSmall() {
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    if (parallelism < MIN_PARALLELISM) {
      LOG.warn(
          "The common fork-join pool has {} thread(s), so Ratis starts a thread for each step of"
              + " a follower's appends; run the JVM with -D{}={}",
          parallelism,
          PARALLELISM_PROPERTY,
          MIN_PARALLELISM);
    }
  }
}
