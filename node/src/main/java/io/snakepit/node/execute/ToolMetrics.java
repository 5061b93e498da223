package io.snakepit.node.execute;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.grpc.Status;
import io.snakepit.node.metrics.MetricNames;

/** Per-tool call latency and errors by status. */
final class ToolMetrics {

  private final MetricRegistry registry;

  ToolMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  Timer.Context startTimer(String pool, String tool) {
    return registry
        .timer(MetricNames.tagged("snakepit.tool.duration", "pool", pool, "tool", tool))
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
