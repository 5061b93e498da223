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
import java.util.ArrayDeque;
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
 * A fixed number of worker slots running one adapter, one call at a time per worker. Calls that
 * find every worker busy wait in a bounded FIFO queue, up to the queue timeout. A session's calls
 * prefer the worker that served it last (its warm Python state). A dead worker is replaced after an
 * exponential backoff that grows while replacements keep failing to start.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
  private static final int AFFINITY_ENTRIES = 10_000;
  private static final long RETIRE_GRACE_MILLIS = 5_000;
  private static final Duration CANCEL_GRACE = Duration.ofSeconds(3);
  private static final long SETTLE_POLL_MILLIS = 20;

  /** One place for a worker; its worker changes when it is replaced. Guarded by the pool. */
  static final class Slot {
    final int index;
    final String workerId;
    int generation;
    Worker worker;
    boolean busy;
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
  private final ArrayDeque<Slot> idle = new ArrayDeque<>();
  private final CallQueue queue;
  private final Map<String, Slot> affinity =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
          return size() > AFFINITY_ENTRIES;
        }
      };
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
    this.queue =
        new CallQueue(
            config.name(), config.queueCapacity(), config.queueTimeout(), scheduler, metrics);
    for (int i = 0; i < config.size(); i++) {
      slots.add(new Slot(i, config.name() + "-" + i));
    }
    this.unstartedSlots = config.size();
    PoolMetrics.gauges(
        registry, config.name(), config::size, this::aliveCount, this::busyCount, queue::size);
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

  /** True when at least one worker is up. */
  public synchronized boolean isReady() {
    return aliveCount() > 0;
  }

  /** True when every worker is up. */
  public synchronized boolean isFullyReady() {
    return aliveCount() == config.size();
  }

  /**
   * A worker for one call: at once when one is idle, otherwise after waiting in the queue. Fails
   * with {@link NodeException.PoolExhausted} when the queue is full or the wait times out, and with
   * {@link NodeException.DeadlineExceeded} when the call's deadline passes first.
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
      Slot slot = takeIdle(sessionId);
      if (slot != null) {
        return CompletableFuture.completedFuture(lease(slot, sessionId));
      }
      // Queued under the pool's lock, so that a worker freed meanwhile cannot miss this call.
      return queue.enqueue(sessionId, deadline);
    }
  }

  synchronized int aliveCount() {
    return (int) slots.stream().filter(slot -> slot.worker != null).count();
  }

  private synchronized int busyCount() {
    return (int) slots.stream().filter(slot -> slot.busy).count();
  }

  void release(Slot slot, Worker worker) {
    Optional<RecyclePolicy.Reason> recycle;
    synchronized (this) {
      slot.callsServed++;
      recycle = recycling.afterCall(slot.callsServed, worker.startedAt());
    }
    if (recycle.isPresent()) {
      retire(slot, worker, recycle.get());
    } else {
      makeAvailable(slot, worker);
    }
  }

  /** Puts a worker back to work: to the longest waiter, or among the idle. */
  private void makeAvailable(Slot slot, Worker worker) {
    CallQueue.Waiter served;
    synchronized (this) {
      slot.busy = false;
      if (slot.worker != worker) {
        return;
      }
      served = handToWaiterOrIdle(slot);
    }
    complete(served, slot, worker);
  }

  /** Replaces a healthy worker between calls: it exits by itself, a new one starts at once. */
  private void retire(Slot slot, Worker worker, RecyclePolicy.Reason reason) {
    synchronized (this) {
      slot.busy = false;
      if (slot.worker != worker) {
        return;
      }
      slot.worker = null;
    }
    metrics.recycled(reason);
    log.info("recycling worker {} (pid {}): {}", worker.id(), worker.pid(), reason.label());
    scheduler.execute(() -> worker.stop(RETIRE_GRACE_MILLIS));
    launch(slot);
  }

  /**
   * Asks every idle worker for its health: one that does not answer is killed and replaced, one
   * past its memory or lifetime limit is recycled. Busy workers are left alone: their calls'
   * deadlines bound them.
   */
  private void checkIdleWorkers() {
    Map<Slot, Worker> checked = new LinkedHashMap<>();
    synchronized (this) {
      idle.forEach(slot -> checked.put(slot, slot.worker));
      idle.clear();
      checked.keySet().forEach(slot -> slot.busy = true);
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
                              reason -> retire(slot, worker, reason),
                              () -> makeAvailable(slot, worker));
                    }));
  }

  void settleAfterCancel(Slot slot, Worker worker) {
    long giveUpAt = System.nanoTime() + CANCEL_GRACE.toNanos();
    awaitNoCallRunning(worker, giveUpAt)
        .whenComplete(
            (stopped, error) -> {
              if (Boolean.TRUE.equals(stopped)) {
                makeAvailable(slot, worker);
              } else {
                discard(slot, worker, "its cancelled call did not stop within " + CANCEL_GRACE);
              }
            });
  }

  /** Polls the worker's health until it runs no call, or the time is up (then false). */
  private CompletableFuture<Boolean> awaitNoCallRunning(Worker worker, long giveUpAt) {
    return worker
        .health(CANCEL_GRACE)
        .thenCompose(
            health -> {
              if (health.getInFlight() == 0) {
                return CompletableFuture.completedFuture(true);
              }
              if (System.nanoTime() >= giveUpAt) {
                return CompletableFuture.completedFuture(false);
              }
              return CompletableFuture.supplyAsync(
                      () -> null,
                      CompletableFuture.delayedExecutor(
                          SETTLE_POLL_MILLIS, TimeUnit.MILLISECONDS, scheduler))
                  .thenCompose(ignored -> awaitNoCallRunning(worker, giveUpAt));
            });
  }

  void discard(Slot slot, Worker worker, String reason) {
    synchronized (this) {
      slot.busy = false;
      if (slot.worker != worker) {
        return; // its exit was seen first, and it is already being replaced
      }
      slot.worker = null;
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
              slot.worker = null;
            }
          });
      idle.clear();
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
    CallQueue.Waiter served;
    boolean firstFullyReady;
    long sinceStartNanos;
    synchronized (this) {
      if (closed) {
        worker.stop(1_000);
        return;
      }
      slot.worker = worker;
      slot.failedStarts = 0;
      slot.callsServed = 0;
      unstartedSlots = Math.max(0, unstartedSlots - 1);
      served = handToWaiterOrIdle(slot);
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
      slot.worker = null;
      idle.remove(slot);
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

  /** Guarded: the session's last worker when idle, else the most recently used idle worker. */
  private Slot takeIdle(String sessionId) {
    Slot preferred = sessionId.isEmpty() ? null : affinity.get(sessionId);
    if (preferred != null && idle.remove(preferred)) {
      return preferred;
    }
    return idle.pollLast();
  }

  /** Guarded: leases the slot's worker at once. */
  private Lease lease(Slot slot, String sessionId) {
    claim(slot, sessionId);
    return new Lease(this, slot, slot.worker);
  }

  /** Guarded: marks the slot busy and remembers it as the session's worker. */
  private void claim(Slot slot, String sessionId) {
    slot.busy = true;
    if (!sessionId.isEmpty()) {
      affinity.put(sessionId, slot);
    }
  }

  /** Guarded: gives a free slot to the longest waiter (returned, to complete outside the lock). */
  private CallQueue.Waiter handToWaiterOrIdle(Slot slot) {
    CallQueue.Waiter waiter = queue.next();
    if (waiter == null) {
      idle.addLast(slot);
    } else {
      claim(slot, waiter.sessionId());
    }
    return waiter;
  }

  private void complete(CallQueue.Waiter served, Slot slot, Worker worker) {
    if (served == null) {
      return;
    }
    if (!served.future().complete(new Lease(this, slot, worker))) {
      makeAvailable(slot, worker); // the caller gave up in the meantime
    }
  }
}
