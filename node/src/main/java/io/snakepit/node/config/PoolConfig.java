package io.snakepit.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One pool of Python workers.
 *
 * @param name the pool's name ({@code pool.name}, default "default")
 * @param adapter the adapter class as {@code module:Class} ({@code pool.adapter})
 * @param profile one call at a time per worker, or several on threads ({@code pool.profile})
 * @param threads how many calls a worker runs at once in the thread profile ({@code pool.threads})
 * @param size how many workers ({@code pool.size}, default the number of cores)
 * @param python the Python interpreter ({@code pool.python}, default /usr/bin/python3)
 * @param pythonPath extra directories put before the runtime on PYTHONPATH, where user adapters
 *     live ({@code pool.python-path}, comma-separated)
 * @param queueCapacity calls that may wait when every worker is busy ({@code pool.queue-capacity})
 * @param queueTimeout how long a call may wait for a worker ({@code pool.queue-timeout})
 * @param startTimeout how long a worker may take to become ready ({@code pool.start-timeout})
 * @param restartBackoffInitial first delay before replacing a dead worker ({@code
 *     pool.restart-backoff-initial})
 * @param restartBackoffMax the longest such delay ({@code pool.restart-backoff-max})
 * @param lifecycle recycling and heartbeats
 * @param startMethod whether workers are forked from a warm process of the pool or spawned as fresh
 *     interpreters ({@code pool.start-method}, default fork)
 * @param labels what the pool offers, for calls that require it ({@code pool.labels})
 */
public record PoolConfig(
    String name,
    String adapter,
    PoolProfile profile,
    int threads,
    int size,
    Path python,
    List<Path> pythonPath,
    int queueCapacity,
    Duration queueTimeout,
    Duration startTimeout,
    Duration restartBackoffInitial,
    Duration restartBackoffMax,
    WorkerLifecycle lifecycle,
    StartMethod startMethod,
    Map<String, String> labels) {

  public PoolConfig {
    pythonPath = List.copyOf(pythonPath);
    labels = Map.copyOf(labels);
    if (restartBackoffMax.compareTo(restartBackoffInitial) < 0) {
      throw new IllegalArgumentException(
          "pool.restart-backoff-max ("
              + restartBackoffMax
              + ") must not be shorter than pool.restart-backoff-initial ("
              + restartBackoffInitial
              + ")");
    }
  }

  /** How many calls one worker runs at once: its capacity in the pool's accounting. */
  public int concurrentCalls() {
    return profile == PoolProfile.THREAD ? threads : 1;
  }
}
