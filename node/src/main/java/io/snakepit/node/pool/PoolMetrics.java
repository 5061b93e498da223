package io.snakepit.node.pool;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.snakepit.node.metrics.MetricNames;
import io.snakepit.node.worker.ExitReport;
import java.util.function.IntSupplier;

/** The pool's metrics, tagged with its name. */
final class PoolMetrics {

  final Timer queueWait;
  final Meter rejected;
  final Counter restarts;
  final Counter crashes;
  final Counter startFailures;
  final Counter unresponsive;
  private final MetricRegistry registry;
  private final String pool;

  PoolMetrics(MetricRegistry registry, String pool) {
    this.queueWait = registry.timer(name("snakepit.pool.queue.wait", pool));
    this.rejected = registry.meter(name("snakepit.pool.queue.rejected", pool));
    this.restarts = registry.counter(name("snakepit.pool.worker.restarts", pool));
    this.crashes = registry.counter(name("snakepit.pool.worker.crashes", pool));
    this.startFailures = registry.counter(name("snakepit.pool.worker.start.failures", pool));
    this.unresponsive = registry.counter(name("snakepit.pool.worker.unresponsive", pool));
    this.registry = registry;
    this.pool = pool;
  }

  void recycled(RecyclePolicy.Reason reason) {
    registry
        .counter(
            MetricNames.tagged(
                "snakepit.pool.worker.recycled", "pool", pool, "reason", reason.label()))
        .inc();
  }

  /** Counts a worker's end by its cause: plain exit, segfault, abort, SIGKILL, other signal. */
  void exited(ExitReport.Cause cause) {
    registry
        .counter(
            MetricNames.tagged(
                "snakepit.pool.worker.exits", "pool", pool, "cause", cause.name().toLowerCase()))
        .inc();
  }

  static void gauges(
      MetricRegistry registry,
      String pool,
      IntSupplier size,
      IntSupplier alive,
      IntSupplier busy,
      IntSupplier running,
      IntSupplier queued) {
    registry.gauge(name("snakepit.pool.size", pool), () -> (Gauge<Integer>) size::getAsInt);
    registry.gauge(
        name("snakepit.pool.workers.alive", pool), () -> (Gauge<Integer>) alive::getAsInt);
    registry.gauge(name("snakepit.pool.workers.busy", pool), () -> (Gauge<Integer>) busy::getAsInt);
    registry.gauge(
        name("snakepit.pool.calls.running", pool), () -> (Gauge<Integer>) running::getAsInt);
    registry.gauge(
        name("snakepit.pool.queue.depth", pool), () -> (Gauge<Integer>) queued::getAsInt);
  }

  private static String name(String base, String pool) {
    return MetricNames.tagged(base, "pool", pool);
  }
}
