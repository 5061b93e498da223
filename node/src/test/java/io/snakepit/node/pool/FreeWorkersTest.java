package io.snakepit.node.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FreeWorkersTest {

  private final WorkerPool.Slot a = new WorkerPool.Slot(0, "w-0");
  private final WorkerPool.Slot b = new WorkerPool.Slot(1, "w-1");

  /** Free workers that run this many calls each, with a freed first, then b. */
  private FreeWorkers freeAAndB(int callsPerWorker) {
    FreeWorkers free = new FreeWorkers(callsPerWorker);
    free.offer(a);
    free.offer(b);
    return free;
  }

  @Test
  void oneCallPerWorkerTakesTheMostRecentlyFreedAndThenNoMore() {
    FreeWorkers free = freeAAndB(1);

    assertThat(free.take("")).isSameAs(b);
    assertThat(free.take("")).isSameAs(a);
    assertThat(free.take("")).isNull();
    assertThat(a.active).isEqualTo(1);
  }

  @Test
  void aSessionGetsTheWorkerThatServedItLastWhenThatOneIsFree() {
    FreeWorkers free = freeAAndB(1);
    assertThat(free.take("s1")).isSameAs(b);
    b.active--;
    free.offer(b);
    free.offer(a); // now the most recently freed

    assertThat(free.take("s1")).isSameAs(b);
    assertThat(free.take("s1")).isSameAs(a); // b is busy: any free worker serves the session
  }

  @Test
  void severalCallsPerWorkerGoToTheLeastBusyUntilEveryPlaceIsTaken() {
    FreeWorkers free = freeAAndB(2);

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
    FreeWorkers free = freeAAndB(2);
    free.claim(b, "");

    assertThat(free.withdrawIdle()).containsExactly(a);
    assertThat(free.take("")).isSameAs(b);
    assertThat(free.take("")).isNull();
  }
}
