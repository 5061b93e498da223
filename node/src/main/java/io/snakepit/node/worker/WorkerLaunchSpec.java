package io.snakepit.node.worker;

import io.snakepit.node.config.StartMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything needed to start one worker process.
 *
 * @param workerId unique within the node, e.g. {@code default-3}
 * @param runtimePath the unpacked Python runtime
 * @param pythonPath user directories put before the runtime on PYTHONPATH
 * @param socket where the worker serves
 * @param nodeSocket where the node serves the worker's callbacks
 * @param startMethod forked from the pool's fork server, or spawned as a fresh interpreter; the
 *     fork server is started from the first spec of its pool, as every spec of a pool has the same
 *     pool settings
 * @param concurrentCalls how many calls the node may run on the worker at once
 */
public record WorkerLaunchSpec(
    String pool,
    String workerId,
    Path python,
    Path runtimePath,
    List<Path> pythonPath,
    String adapter,
    Path socket,
    Path nodeSocket,
    String runId,
    String secret,
    long maxMessageBytes,
    Duration startTimeout,
    StartMethod startMethod,
    int concurrentCalls) {

  public WorkerLaunchSpec {
    pythonPath = List.copyOf(pythonPath);
  }
}
