package io.snakepit.node.pool;

import com.codahale.metrics.MetricRegistry;
import io.grpc.Deadline;
import io.snakepit.node.config.PoolConfig;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.worker.ExitReport;
import io.snakepit.node.worker.Worker;
import io.snakepit.node.worker.WorkerLauncher;
import io.snakepit.worker.v1.DescribeResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of worker slots running one adapter. Each worker runs as many calls at once as the
 * pool's profile allows: one (process), or the pool's thread count (thread). Calls that find no
 * free place wait in a bounded FIFO queue, up to the queue timeout. A session's calls prefer the
 * worker that served it last (its warm Python state). A dead worker is replaced after an
 * exponential backoff that grows while replacements keep failing to start.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  private static final long RETIRE_GRACE_MILLIS = 5_000;
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(3);
  private static final long SETTLE_POLL_MILLIS = 20;

  /** One place for a worker; its worker changes when it is replaced. Guarded by the pool. */
  static final class Slot {
    final int index;
    final String workerId;
    int generation;
    Worker worker;

    /** Calls running on the current worker. */
    int active;

    /** Why the current worker is replaced once its calls end; null while it serves. */
    RecyclePolicy.Reason retiring;

    int failedStarts;
    int callsServed;

    Slot(int index, String workerId) {
      this.index = index;
      this.workerId = workerId;
    }
  }

  private final PoolConfig config;
  private final WorkerLauncher launcher;
  private final WorkerSpecFactory specs;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final RecyclePolicy recycling;
  private final PoolMetrics metrics;
  private final CompletableFuture<DescribeResponse> firstReady = new CompletableFuture<>();

  private final List<Slot> slots = new ArrayList<>();
  private final FreeWorkers free;
  private final CallQueue queue;
  private int unstartedSlots;
  private long startedNanos;
  private boolean wasFullyReady;
  private boolean closed;
  private String failure;

  public WorkerPool(
      PoolConfig config,
      WorkerLauncher launcher,
      WorkerSpecFactory specs,
      ScheduledExecutorService scheduler,
      RandomGenerator random,
      MetricRegistry registry) {
    this.config = config;
    this.launcher = launcher;
    this.specs = specs;
    this.scheduler = scheduler;
    this.backoff = new Backoff(config.restartBackoffInitial(), config.restartBackoffMax(), random);
    this.recycling = new RecyclePolicy(config.lifecycle(), Clock.systemUTC());
    this.metrics = new PoolMetrics(registry, config.name());
    this.free = new FreeWorkers(config.concurrentCalls());
    this.queue =
        new CallQueue(
            config.name(), config.queueCapacity(), config.queueTimeout(), scheduler, metrics);
    for (int i = 0; i < config.size(); i++) {
      slots.add(new Slot(i, config.name() + "-" + i));
    }
    this.unstartedSlots = config.size();
    PoolMetrics.gauges(
        registry,
        config.name(),
        config::size,
        this::aliveCount,
        this::busyCount,
        this::runningCalls,
        queue::size);
  }

  public String name() {
    return config.name();
  }

  /**
   * Launches every worker concurrently. The future completes with the adapter's description when
   * the first worker is ready, and fails with the workers' own error output when none could start.
   */
  public CompletableFuture<DescribeResponse> start() {
    synchronized (this) {
      startedNanos = System.nanoTime();
    }
    slots.forEach(this::launch);
    long every = config.lifecycle().heartbeatInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::checkIdleWorkers, every, every, TimeUnit.MILLISECONDS);
    return firstReady;
  }

  /** The adapter's tools, once a worker has described them. */
  public Optional<DescribeResponse> description() {
    return Optional.ofNullable(firstReady.getNow(null));
  }

  /** The pool's configuration, as the node was given it. */
  public PoolConfig config() {
    return config;
  }

  /** True when at least one worker is up. */
  public synchronized boolean isReady() {
    return aliveCount() > 0;
  }

  /** True when every worker is up. */
  public synchronized boolean isFullyReady() {
    return aliveCount() == config.size();
  }

  /**
   * A place on a worker for one call: at once when one is free, otherwise after waiting in the
   * queue. Fails with {@link NodeException.PoolExhausted} when the queue is full or the wait times
   * out, and with {@link NodeException.DeadlineExceeded} when the call's deadline passes first.
   */
  public CompletableFuture<Lease> acquire(String sessionId, Deadline deadline) {
    synchronized (this) {
      if (closed) {
        return CompletableFuture.failedFuture(
            new NodeException.WorkerUnavailable("pool " + name() + " is shutting down"));
      }
      if (failure != null) {
        return CompletableFuture.failedFuture(new NodeException.WorkerUnavailable(failure));
      }
      Slot slot = free.take(sessionId);
      if (slot != null) {
        return CompletableFuture.completedFuture(new Lease(this, slot, slot.worker));
      }
      // Queued under the pool's lock, so that a place freed meanwhile cannot miss this call.
      return queue.enqueue(sessionId, deadline);
    }
  }

  synchronized int aliveCount() {
    return (int) slots.stream().filter(slot -> slot.worker != null).count();
  }

  /** Workers running at least one call. */
  private synchronized int busyCount() {
    return (int) slots.stream().filter(slot -> slot.active > 0).count();
  }

  /** Calls running on its workers and waiting in its queue, for the other nodes' routing. */
  public synchronized int callsRunningOrQueued() {
    return runningCalls() + queue.size();
  }

  /** Calls it runs at once when every worker is up. */
  public int capacity() {
    return config.size() * config.concurrentCalls();
  }

  private synchronized int runningCalls() {
    return slots.stream().mapToInt(slot -> slot.active).sum();
  }

  /** A call ended normally; a worker due for recycling drains its other calls, then goes. */
  void release(Slot slot, Worker worker) {
    synchronized (this) {
      if (slot.worker != worker) {
        return; // the worker was replaced while the call ended
      }
      slot.callsServed++;
      if (slot.retiring == null) {
        recycling
            .afterCall(slot.callsServed, worker.startedAt())
            .ifPresent(
                reason -> {
                  slot.retiring = reason;
                  free.withdraw(slot);
                });
      }
    }
    endCall(slot, worker);
  }

  /** A call's place on the worker is free again: for a waiting call, or among the free. */
  private void endCall(Slot slot, Worker worker) {
    List<CallQueue.Waiter> served;
    RecyclePolicy.Reason retireFor = null;
    synchronized (this) {
      if (slot.worker != worker) {
        return;
      }
      slot.active--;
      if (slot.retiring == null) {
        served = handOut(slot);
      } else {
        served = List.of();
        if (slot.active == 0) {
          retireFor = slot.retiring;
          vacate(slot);
        }
      }
    }
    if (retireFor != null) {
      retire(worker, retireFor);
      launch(slot);
    }
    complete(served, slot, worker);
  }

  /** Replaces a healthy worker that runs no call: it exits by itself, a new one starts at once. */
  private void retire(Worker worker, RecyclePolicy.Reason reason) {
    metrics.recycled(reason);
    log.info("recycling worker {} (pid {}): {}", worker.id(), worker.pid(), reason.label());
    scheduler.execute(() -> worker.stop(RETIRE_GRACE_MILLIS));
  }

  /**
   * Asks every idle worker for its health: one that does not answer is killed and replaced, one
   * past its memory or lifetime limit is recycled. Workers running calls are left alone: their
   * calls' deadlines bound them.
   */
  private void checkIdleWorkers() {
    Map<Slot, Worker> checked = new LinkedHashMap<>();
    synchronized (this) {
      // Withdrawn while they answer, so that no call is given to a worker about to be replaced.
      free.withdrawIdle().forEach(slot -> checked.put(slot, slot.worker));
    }
    Duration timeout = config.lifecycle().heartbeatTimeout();
    checked.forEach(
        (slot, worker) ->
            worker
                .health(timeout)
                .whenComplete(
                    (health, error) -> {
                      if (error != null) {
                        metrics.unresponsive.inc();
                        discard(slot, worker, "did not answer its heartbeat within " + timeout);
                        return;
                      }
                      recycling
                          .whenIdle(worker.startedAt(), health.getRssBytes())
                          .ifPresentOrElse(
                              reason -> retireChecked(slot, worker, reason),
                              () -> endCheck(slot, worker));
                    }));
  }

  private void retireChecked(Slot slot, Worker worker, RecyclePolicy.Reason reason) {
    synchronized (this) {
      if (slot.worker != worker) {
        return;
      }
      vacate(slot);
    }
    retire(worker, reason);
    launch(slot);
  }

  private void endCheck(Slot slot, Worker worker) {
    List<CallQueue.Waiter> served;
    synchronized (this) {
      if (slot.worker != worker) {
        return;
      }
      served = handOut(slot);
    }
    complete(served, slot, worker);
  }

  /** The call's place on the worker is given back once the cancelled call has stopped. */
  void settleAfterCancel(Slot slot, Worker worker, String callId) {
    long giveUpAt = System.nanoTime() + CANCEL_GRACE.toNanos();
    awaitCallStopped(worker, callId, giveUpAt)
        .whenComplete(
            (stopped, error) -> {
              if (Boolean.TRUE.equals(stopped)) {
                endCall(slot, worker);
              } else {
                discard(slot, worker, "its cancelled call did not stop within " + CANCEL_GRACE);
              }
            });
  }

  /** Polls the worker until the call no longer runs, or the time is up (then false). */
  private CompletableFuture<Boolean> awaitCallStopped(Worker worker, String callId, long giveUpAt) {
    return worker
        .isRunning(callId, CANCEL_GRACE)
        .thenCompose(
            running -> {
              if (!running) {
                return CompletableFuture.completedFuture(true);
              }
              if (System.nanoTime() >= giveUpAt) {
                return CompletableFuture.completedFuture(false);
              }
              return CompletableFuture.supplyAsync(
                      () -> null,
                      CompletableFuture.delayedExecutor(
                          SETTLE_POLL_MILLIS, TimeUnit.MILLISECONDS, scheduler))
                  .thenCompose(ignored -> awaitCallStopped(worker, callId, giveUpAt));
            });
  }

  /**
   * The worker cannot be trusted with another call: it is killed (with the other calls it runs, in
   * the thread profile) and replaced.
   */
  void discard(Slot slot, Worker worker, String reason) {
    synchronized (this) {
      if (slot.worker != worker) {
        return; // its exit was seen first, and it is already being replaced
      }
      vacate(slot);
    }
    if (worker.isAlive()) {
      log.warn("killing worker {} (pid {}): {}", worker.id(), worker.pid(), reason);
      worker.kill();
    } else {
      metrics.crashes.inc();
      log.warn("worker {} (pid {}) {}", worker.id(), worker.pid(), reason);
    }
    scheduleRestart(slot);
  }

  @Override
  public void close() {
    List<Worker> running = new ArrayList<>();
    synchronized (this) {
      closed = true;
      slots.forEach(
          slot -> {
            if (slot.worker != null) {
              running.add(slot.worker);
              vacate(slot);
            }
          });
      free.clear();
    }
    queue.failAll(new NodeException.WorkerUnavailable("pool " + name() + " is shutting down"));
    running.parallelStream().forEach(worker -> worker.stop(2_000));
  }

  private void launch(Slot slot) {
    int generation;
    synchronized (this) {
      if (closed) {
        return;
      }
      generation = ++slot.generation;
    }
    launcher
        .launch(specs.spec(slot.workerId, generation))
        .whenComplete(
            (worker, failure) -> {
              if (failure == null) {
                onStarted(slot, worker);
              } else {
                onStartFailed(slot, failure);
              }
            });
  }

  private void onStarted(Slot slot, Worker worker) {
    List<CallQueue.Waiter> served;
    boolean firstFullyReady;
    long sinceStartNanos;
    synchronized (this) {
      if (closed) {
        worker.stop(1_000);
        return;
      }
      slot.worker = worker;
      slot.active = 0;
      slot.retiring = null;
      slot.failedStarts = 0;
      slot.callsServed = 0;
      unstartedSlots = Math.max(0, unstartedSlots - 1);
      served = handOut(slot);
      firstFullyReady = !wasFullyReady && isFullyReady();
      wasFullyReady |= firstFullyReady;
      sinceStartNanos = System.nanoTime() - startedNanos;
    }
    log.info("worker {} ready (pid {})", worker.id(), worker.pid());
    if (firstFullyReady) {
      log.info(
          "pool {} fully ready: every worker up ({}), {} ms after the pool started",
          name(),
          config.size(),
          TimeUnit.NANOSECONDS.toMillis(sinceStartNanos));
    }
    firstReady.complete(worker.description());
    worker
        .exited()
        .thenAccept(
            report -> {
              metrics.exited(report.cause());
              onExited(slot, worker, report);
            });
    complete(served, slot, worker);
  }

  private void onStartFailed(Slot slot, Throwable startFailure) {
    Throwable cause = startFailure.getCause() != null ? startFailure.getCause() : startFailure;
    log.warn("worker {} failed to start: {}", slot.workerId, cause.getMessage());
    metrics.startFailures.inc();
    boolean noneStarted;
    String poolFailure;
    synchronized (this) {
      slot.failedStarts++;
      if (slot.generation == 1) {
        unstartedSlots--;
      }
      noneStarted = unstartedSlots == 0 && aliveCount() == 0;
      if (keepsFailingToStart()) {
        failure =
            "pool "
                + name()
                + " failed: its workers keep failing to start; the last one "
                + cause.getMessage();
      }
      poolFailure = failure;
    }
    if (noneStarted && !firstReady.isDone()) {
      firstReady.completeExceptionally(
          new NodeException.WorkerUnavailable(
              "pool " + name() + ": no worker could start: " + cause.getMessage()));
    }
    if (poolFailure != null) {
      log.error(poolFailure);
      queue.failAll(new NodeException.WorkerUnavailable(poolFailure));
      return;
    }
    scheduleRestart(slot);
  }

  /** Guarded: no worker is up and every slot failed its last starts, so retrying is pointless. */
  private boolean keepsFailingToStart() {
    int limit = config.lifecycle().maxFailedStarts();
    return aliveCount() == 0 && slots.stream().allMatch(each -> each.failedStarts >= limit);
  }

  private void onExited(Slot slot, Worker worker, ExitReport report) {
    synchronized (this) {
      if (slot.worker != worker) {
        return; // discarded on purpose, already being replaced
      }
      vacate(slot);
    }
    metrics.crashes.inc();
    log.warn("worker {} (pid {}) died: {}", worker.id(), worker.pid(), report.describe());
    scheduleRestart(slot);
  }

  private void scheduleRestart(Slot slot) {
    Duration delay;
    synchronized (this) {
      if (closed) {
        return;
      }
      delay = backoff.delay(slot.failedStarts);
    }
    metrics.restarts.inc();
    scheduler.schedule(() -> launch(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Guarded: the slot's worker is gone or going; the slot takes no call until the next one. */
  private void vacate(Slot slot) {
    slot.worker = null;
    slot.active = 0;
    slot.retiring = null;
    free.withdraw(slot);
  }

  /**
   * Guarded: gives the worker's free places to the longest waiters (returned, to complete outside
   * the lock), and offers what is left to later calls.
   */
  private List<CallQueue.Waiter> handOut(Slot slot) {
    List<CallQueue.Waiter> served = new ArrayList<>();
    while (free.hasRoom(slot)) {
      CallQueue.Waiter waiter = queue.next();
      if (waiter == null) {
        break;
      }
      free.claim(slot, waiter.sessionId());
      served.add(waiter);
    }
    free.offer(slot);
    return served;
  }

  private void complete(List<CallQueue.Waiter> served, Slot slot, Worker worker) {
    for (CallQueue.Waiter waiter : served) {
      if (!waiter.future().complete(new Lease(this, slot, worker))) {
        endCall(slot, worker); // the caller gave up in the meantime
      }
    }
  }
}
