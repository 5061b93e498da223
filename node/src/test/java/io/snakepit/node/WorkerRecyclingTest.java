package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Healthy workers replaced on purpose, and frozen ones found out: one worker, calls never fail. */
class WorkerRecyclingTest {

  @TempDir Path dir;
  TestNode node;

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void aWorkerIsReplacedAfterItsCallQuotaAndTheLastCallStillSucceeds() {
    start(Map.of("pool.recycle-after-calls", "3"));

    long first = workerPid();
    assertThat(workerPid()).isEqualTo(first);
    assertThat(workerPid()).isEqualTo(first); // the third call: served, then the worker goes

    assertThat(workerPid()).isNotEqualTo(first);
    assertThat(recycled("calls")).isEqualTo(1);
  }

  @Test
  void aWorkerIsReplacedWhenItOutlivesItsLifetime() {
    start(Map.of("pool.max-lifetime", "1s", "pool.heartbeat-interval", "200ms"));

    long first = workerPid();

    await().atMost(Duration.ofSeconds(20)).until(() -> workerPid() != first);
    assertThat(recycled("lifetime")).isPositive();
  }

  @Test
  void aWorkerIsReplacedWhenItsMemoryPassesTheLimit() {
    // Any Python process is larger than 1 KiB: every worker is recycled at its first heartbeat.
    start(Map.of("pool.max-memory", "1KiB", "pool.heartbeat-interval", "200ms"));

    await().atMost(Duration.ofSeconds(20)).until(() -> recycled("memory") > 0);
    assertThat(node.blocking().execute(call("ping")).getResult().getStringValue())
        .isEqualTo("pong");
  }

  @Test
  void aFrozenIdleWorkerIsKilledAndReplaced() {
    start(Map.of("pool.heartbeat-interval", "200ms", "pool.heartbeat-timeout", "500ms"));
    long frozen = workerPid();

    node.blocking().execute(call("freeze_soon"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> node.poolCounter("snakepit.pool.worker.unresponsive") > 0);
    assertThat(workerPid()).isNotEqualTo(frozen);
    await().atMost(Duration.ofSeconds(10)).until(() -> !ProcessState.running(frozen));
  }

  private void start(Map<String, String> lifecycle) {
    Map<String, String> settings = new HashMap<>(lifecycle);
    settings.put("pool.size", "1");
    node = TestNode.start(dir, settings);
  }

  private long workerPid() {
    return node.blocking().execute(call("pid")).getResult().getIntValue();
  }

  private long recycled(String reason) {
    return node.poolCounter("snakepit.pool.worker.recycled", "reason", reason);
  }
}
