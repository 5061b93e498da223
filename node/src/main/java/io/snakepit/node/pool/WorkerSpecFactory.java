package io.snakepit.node.pool;

import io.snakepit.node.worker.WorkerLaunchSpec;

/** Builds the launch spec for a pool's worker; {@code generation} counts restarts of a slot. */
@FunctionalInterface
public interface WorkerSpecFactory {
  WorkerLaunchSpec spec(String workerId, int generation);
}
