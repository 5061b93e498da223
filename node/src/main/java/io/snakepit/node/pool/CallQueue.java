package io.snakepit.node.pool;

import com.codahale.metrics.Timer;
import io.grpc.Deadline;
import io.snakepit.node.errors.NodeException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Calls waiting for a worker, first come first served, bounded in number and in time. A waiter
 * leaves with a lease (served by the pool), or with RESOURCE_EXHAUSTED when the queue timeout
 * passes, or with DEADLINE_EXCEEDED when its call's deadline passes first.
 */
final class CallQueue {

  /** A call waiting for a worker. */
  record Waiter(String sessionId, CompletableFuture<Lease> future, Timer.Context waitTimer) {}

  private final String pool;
  private final int capacity;
  private final Duration timeout;
  private final ScheduledExecutorService scheduler;
  private final PoolMetrics metrics;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

  CallQueue(
      String pool,
      int capacity,
      Duration timeout,
      ScheduledExecutorService scheduler,
      PoolMetrics metrics) {
    this.pool = pool;
    this.capacity = capacity;
    this.timeout = timeout;
    this.scheduler = scheduler;
    this.metrics = metrics;
  }

  /** Queues a call, or refuses it at once with RESOURCE_EXHAUSTED when the queue is full. */
  CompletableFuture<Lease> enqueue(String sessionId, Deadline deadline) {
    Waiter waiter;
    synchronized (this) {
      if (waiters.size() >= capacity) {
        metrics.rejected.mark();
        return CompletableFuture.failedFuture(
            new NodeException.PoolExhausted(
                "pool "
                    + pool
                    + " is full: every worker is busy and "
                    + waiters.size()
                    + " calls are queued",
                timeout.toMillis()));
      }
      waiter = new Waiter(sessionId, new CompletableFuture<>(), metrics.queueWait.time());
      waiters.addLast(waiter);
    }
    scheduleExpiry(waiter, deadline);
    return waiter.future();
  }

  /** The longest waiter whose caller still waits, or null. */
  synchronized Waiter next() {
    for (Waiter waiter = waiters.pollFirst(); waiter != null; waiter = waiters.pollFirst()) {
      if (!waiter.future().isDone()) {
        waiter.waitTimer().stop();
        return waiter;
      }
    }
    return null;
  }

  synchronized int size() {
    return waiters.size();
  }

  /** Fails every waiter with {@code reason}: the pool is closing or has failed. */
  void failAll(NodeException reason) {
    List<Waiter> abandoned;
    synchronized (this) {
      abandoned = new ArrayList<>(waiters);
      waiters.clear();
    }
    abandoned.forEach(waiter -> waiter.future().completeExceptionally(reason));
  }

  private void scheduleExpiry(Waiter waiter, Deadline deadline) {
    long deadlineMillis = deadline.timeRemaining(TimeUnit.MILLISECONDS);
    boolean deadlineFirst = deadlineMillis < timeout.toMillis();
    scheduler.schedule(
        () -> expire(waiter, deadlineFirst),
        Math.max(0, Math.min(deadlineMillis, timeout.toMillis())),
        TimeUnit.MILLISECONDS);
  }

  private void expire(Waiter waiter, boolean deadlineFirst) {
    synchronized (this) {
      if (!waiters.remove(waiter)) {
        return; // served in time
      }
    }
    waiter.waitTimer().stop();
    if (deadlineFirst) {
      waiter
          .future()
          .completeExceptionally(
              new NodeException.DeadlineExceeded(
                  "the deadline passed while waiting for a worker of pool " + pool));
      return;
    }
    metrics.rejected.mark();
    waiter
        .future()
        .completeExceptionally(
            new NodeException.PoolExhausted(
                "no worker of pool " + pool + " became free within " + timeout.toMillis() + " ms",
                timeout.toMillis()));
  }
}
