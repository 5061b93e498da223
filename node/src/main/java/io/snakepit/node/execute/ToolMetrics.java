package io.snakepit.node.execute;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.grpc.Status;
import io.snakepit.node.metrics.MetricNames;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Per-tool call latency and errors by status. */
final class ToolMetrics {

  private record ToolKey(String pool, String tool) {}

  private final MetricRegistry registry;
  // Every call times itself: its timer is found by a plain key, not by building its tagged name.
  private final Map<ToolKey, Timer> timers = new ConcurrentHashMap<>();

  ToolMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  Timer.Context startTimer(String pool, String tool) {
    return timers
        .computeIfAbsent(
            new ToolKey(pool, tool),
            key ->
                registry.timer(
                    MetricNames.tagged(
                        "snakepit.tool.duration", "pool", key.pool(), "tool", key.tool())))
        .time();
  }

  void failed(String pool, String tool, Status.Code code) {
    registry
        .counter(
            MetricNames.tagged(
                "snakepit.tool.errors", "pool", pool, "tool", tool, "status", code.name()))
        .inc();
  }
}
