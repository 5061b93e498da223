package io.snakepit.node.pool;

import io.snakepit.node.worker.Worker;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's place on a worker. Exactly one of {@link #release} or {@link #discard} takes effect;
 * later calls are ignored, so every failure path may end the lease without double counting.
 */
public final class Lease {

  private final WorkerPool pool;
  private final WorkerPool.Slot slot;
  private final Worker worker;
  private final AtomicBoolean ended = new AtomicBoolean();

  Lease(WorkerPool pool, WorkerPool.Slot slot, Worker worker) {
    this.pool = pool;
    this.slot = slot;
    this.worker = worker;
  }

  public Worker worker() {
    return worker;
  }

  /** The worker finished the call and can take the next one. */
  public void release() {
    if (ended.compareAndSet(false, true)) {
      pool.release(slot, worker);
    }
  }

  /**
   * The caller cancelled the call mid-way: its place on the worker is given to another call once
   * its tool has stopped (a streaming tool stops at its next item); the worker is killed if the
   * tool does not stop soon.
   *
   * @param callId the cancelled call's id, as the worker knows it
   */
  public void settleAfterCancel(String callId) {
    if (ended.compareAndSet(false, true)) {
      pool.settleAfterCancel(slot, worker, callId);
    }
  }

  /** The worker cannot be trusted with another call (dead, or stuck past a deadline): kill it. */
  public void discard(String reason) {
    if (ended.compareAndSet(false, true)) {
      pool.discard(slot, worker, reason);
    }
  }
}
