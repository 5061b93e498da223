package io.snakepit.bench;

import io.snakepit.node.config.StartMethod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One start of a pool's workers.
 *
 * @param untilAllAnswer from the first launch until every worker answered a call
 * @param workerMemory each worker's memory, once all answered
 * @param forkServerMemory the fork server's, when the workers were forked
 */
record StartSample(
    StartMethod method,
    int workers,
    Duration untilAllAnswer,
    List<ProcessMemory> workerMemory,
    Optional<ProcessMemory> forkServerMemory) {

  StartSample {
    workerMemory = List.copyOf(workerMemory);
  }

  double meanUssMib() {
    return workerMemory.stream().mapToLong(ProcessMemory::ussKib).average().orElse(0) / 1024;
  }

  double meanPssMib() {
    return workerMemory.stream().mapToLong(ProcessMemory::pssKib).average().orElse(0) / 1024;
  }
}
