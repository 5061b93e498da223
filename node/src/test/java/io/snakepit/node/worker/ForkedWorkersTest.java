package io.snakepit.node.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForkedWorkersTest {

  // Pids that no process has: binding one records nothing in the registry.
  private static final long OLD_PID = Integer.MAX_VALUE - 1L;
  private static final long NEW_PID = Integer.MAX_VALUE - 2L;

  @TempDir Path dir;

  @Test
  void aReplacementThatReusesTheIdOfAWorkerStillDrainingIsToldApartByItsPid() {
    WorkerRegistry registry = WorkerRegistry.in(dir, "run");
    ForkedWorkers workers = new ForkedWorkers();
    ForkedWorkerProcess draining = new ForkedWorkerProcess("default-0", registry);
    ForkedWorkerProcess replacement = new ForkedWorkerProcess("default-0", registry);
    workers.expect(draining);
    assertThat(workers.find(OLD_PID, "default-0")).containsSame(draining);

    workers.expect(replacement);

    assertThat(workers.find(NEW_PID, "default-0")).containsSame(replacement);
    assertThat(workers.find(OLD_PID, "default-0")).containsSame(draining);
    assertThat(workers.ended(OLD_PID, "default-0")).containsSame(draining);
    assertThat(workers.find(NEW_PID, "default-0")).containsSame(replacement);
  }

  @Test
  void onceTheForkServerEndedItHandsBackEveryWorkerAndExpectsNoMore() {
    WorkerRegistry registry = WorkerRegistry.in(dir, "run");
    ForkedWorkers workers = new ForkedWorkers();
    ForkedWorkerProcess forked = new ForkedWorkerProcess("default-0", registry);
    ForkedWorkerProcess asked = new ForkedWorkerProcess("default-1", registry);
    workers.expect(forked);
    workers.expect(asked);
    workers.find(OLD_PID, "default-0");

    assertThat(workers.close()).containsExactlyInAnyOrder(forked, asked);
    assertThat(workers.expect(new ForkedWorkerProcess("default-2", registry))).isFalse();
    assertThat(workers.find(OLD_PID, "default-0")).isEmpty();
  }
}
