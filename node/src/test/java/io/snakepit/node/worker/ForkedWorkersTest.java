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
  private final ForkedWorkers workers = new ForkedWorkers();

  private ForkedWorkerProcess worker(String id) {
    return new ForkedWorkerProcess(id, WorkerRegistry.in(dir, "run"));
  }

  @Test
  void aReplacementThatReusesTheIdOfAWorkerStillDrainingIsToldApartByItsPid() {
    ForkedWorkerProcess draining = worker("default-0");
    ForkedWorkerProcess replacement = worker("default-0");
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
    ForkedWorkerProcess forked = worker("default-0");
    ForkedWorkerProcess asked = worker("default-1");
    workers.expect(forked);
    workers.expect(asked);
    workers.find(OLD_PID, "default-0");

    assertThat(workers.close()).containsExactlyInAnyOrder(forked, asked);
    assertThat(workers.expect(worker("default-2"))).isFalse();
    assertThat(workers.find(OLD_PID, "default-0")).isEmpty();
  }
}
