package io.snakepit.bench.store;

import io.snakepit.bench.cluster.SnakepitNodes;
import java.nio.file.Path;

/** Snakepit as a compared store: its three nodes, reached through the SDK's session variables. */
final class SnakepitCluster {

  static final String NAME = "Snakepit";

  // The benchmark calls no tool: one idle worker is enough for a node to start.
  private static final int POOL_SIZE = 1;

  /** How the cluster runs and is called, for the report. */
  static final String DESCRIPTION =
      NAME + ": " + SnakepitNodes.describe(POOL_SIZE) + "; the Java SDK, one channel per node";

  private SnakepitCluster() {}

  /** Starts the nodes with their data under {@code dir} and waits until each one answers. */
  static SystemUnderTest start(Path nodeJar, Path dir) {
    return SystemUnderTest.connect(
        NAME,
        SnakepitNodes.start(nodeJar, dir, POOL_SIZE),
        targets -> new SnakepitRecords(targets, SystemUnderTest.CALL_TIMEOUT));
  }
}
