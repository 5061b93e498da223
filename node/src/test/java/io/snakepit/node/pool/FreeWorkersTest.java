package io.snakepit.node.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreeWorkersTest {

  private static WorkerPool.Slot slot(int index) {
    return new WorkerPool.Slot(index, "w-" + index);
  }

  @Test
  void oneCallPerWorkerTakesTheMostRecentlyFreedAndThenNoMore() {
    FreeWorkers free = new FreeWorkers(1);
    WorkerPool.Slot a = slot(0);
    WorkerPool.Slot b = slot(1);
    free.offer(a);
    free.offer(b);

    assertThat(free.take("")).isSameAs(b);
    assertThat(free.take("")).isSameAs(a);
    assertThat(free.take("")).isNull();
    assertThat(a.active).isEqualTo(1);
  }

  @Test
  void aSessionGetsTheWorkerThatServedItLastWhenThatOneIsFree() {
    FreeWorkers free = new FreeWorkers(1);
    WorkerPool.Slot a = slot(0);
    WorkerPool.Slot b = slot(1);
    free.offer(a);
    free.offer(b);
    assertThat(free.take("s1")).isSameAs(b);
    b.active--;
    free.offer(b);
    free.offer(a); // now the most recently freed

    assertThat(free.take("s1")).isSameAs(b);
    assertThat(free.take("s1")).isSameAs(a); // b is busy: any free worker serves the session
  }

  @Test
  void severalCallsPerWorkerGoToTheLeastBusyUntilEveryPlaceIsTaken() {
    FreeWorkers free = new FreeWorkers(2);
    WorkerPool.Slot a = slot(0);
    WorkerPool.Slot b = slot(1);
    free.offer(a);
    free.offer(b);

    WorkerPool.Slot first = free.take("");
    WorkerPool.Slot second = free.take("");
    assertThat(second).isNotSameAs(first);
    assertThat(free.take("")).isIn(a, b);
    assertThat(free.take("")).isIn(a, b);
    assertThat(free.take("")).isNull();
    assertThat(a.active).isEqualTo(2);
    assertThat(b.active).isEqualTo(2);
  }

  @Test
  void onlyWorkersRunningNoCallAreWithdrawnForAHeartbeat() {
    FreeWorkers free = new FreeWorkers(2);
    WorkerPool.Slot idle = slot(0);
    WorkerPool.Slot running = slot(1);
    free.offer(idle);
    free.offer(running);
    free.claim(running, "");

    assertThat(free.withdrawIdle()).containsExactly(idle);
    assertThat(free.take("")).isSameAs(running);
    assertThat(free.take("")).isNull();
  }
}
