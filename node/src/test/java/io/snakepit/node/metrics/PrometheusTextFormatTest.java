package io.snakepit.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingWindowReservoir;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextFormatTest {

  private final MetricRegistry registry = new MetricRegistry();
  private final PrometheusTextFormat format = new PrometheusTextFormat("snakepit");

  /** Sample lines as "name{labels}" → value; fails on a line that is not a sample or comment. */
  private static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
      }
    }
    return samples;
  }

  private static List<String> typeLines(String text) {
    return text.lines().filter(line -> line.startsWith("# TYPE ")).toList();
  }

  @Test
  void countersGetTotalAndOneTypeLineAcrossLabelSets() {
    registry.counter(MetricNames.tagged("snakepit.tool.calls", "tool", "ping")).inc(3);
    registry.counter(MetricNames.tagged("snakepit.tool.calls", "tool", "echo")).inc();

    String text = format.render(registry);

    assertThat(typeLines(text)).containsExactly("# TYPE snakepit_tool_calls_total counter");
    assertThat(samples(text))
        .containsExactly(
            Map.entry("snakepit_tool_calls_total{tool=\"echo\"}", 1.0),
            Map.entry("snakepit_tool_calls_total{tool=\"ping\"}", 3.0));
  }

  @Test
  void metersAreCountersOfTheirCount() {
    registry.meter("pool.worker-restarts").mark(2);

    String text = format.render(registry);

    assertThat(typeLines(text))
        .containsExactly("# TYPE snakepit_pool_worker_restarts_total counter");
    assertThat(samples(text))
        .containsExactly(Map.entry("snakepit_pool_worker_restarts_total", 2.0));
  }

  @Test
  void numericGaugesAreGaugesAndOthersAreLeftOut() {
    registry.register(
        MetricNames.tagged("snakepit.pool.busy", "pool", "default"), (Gauge<Integer>) () -> 2);
    registry.register("snakepit.queue.fill", (Gauge<Double>) () -> 0.25);
    registry.register("snakepit.version", (Gauge<String>) () -> "1.0");

    String text = format.render(registry);

    assertThat(typeLines(text))
        .containsExactly("# TYPE snakepit_pool_busy gauge", "# TYPE snakepit_queue_fill gauge");
    assertThat(samples(text))
        .containsExactly(
            Map.entry("snakepit_pool_busy{pool=\"default\"}", 2.0),
            Map.entry("snakepit_queue_fill", 0.25));
  }

  @Test
  void timersAreSummariesInSeconds() {
    Timer timer =
        registry.timer(
            MetricNames.tagged("snakepit.tool.latency", "tool", "ping"),
            () -> new Timer(new SlidingWindowReservoir(100)));
    for (int i = 0; i < 4; i++) {
      timer.update(Duration.ofMillis(250));
    }

    String text = format.render(registry);

    assertThat(typeLines(text)).containsExactly("# TYPE snakepit_tool_latency_seconds summary");
    assertThat(samples(text))
        .containsExactly(
            Map.entry("snakepit_tool_latency_seconds{tool=\"ping\",quantile=\"0.5\"}", 0.25),
            Map.entry("snakepit_tool_latency_seconds{tool=\"ping\",quantile=\"0.9\"}", 0.25),
            Map.entry("snakepit_tool_latency_seconds{tool=\"ping\",quantile=\"0.99\"}", 0.25),
            Map.entry("snakepit_tool_latency_seconds_sum{tool=\"ping\"}", 1.0),
            Map.entry("snakepit_tool_latency_seconds_count{tool=\"ping\"}", 4.0));
  }

  @Test
  void histogramsAreSummariesOfTheirValues() {
    Histogram histogram =
        registry.histogram("payload.bytes", () -> new Histogram(new SlidingWindowReservoir(100)));
    for (int value = 1; value <= 100; value++) {
      histogram.update(value);
    }

    Map<String, Double> samples = samples(format.render(registry));

    assertThat(samples.get("snakepit_payload_bytes{quantile=\"0.5\"}")).isBetween(50.0, 51.0);
    assertThat(samples.get("snakepit_payload_bytes{quantile=\"0.99\"}")).isBetween(99.0, 100.0);
    assertThat(samples.get("snakepit_payload_bytes_sum")).isEqualTo(5050.0);
    assertThat(samples.get("snakepit_payload_bytes_count")).isEqualTo(100.0);
  }

  @Test
  void namesAreSanitizedAndPrefixedOnce() {
    registry.counter("snakepit.store.writes").inc();
    registry.counter("jvm.gc-runs").inc();
    registry.counter("already.counted_total").inc();

    assertThat(samples(format.render(registry)))
        .containsOnlyKeys(
            "snakepit_store_writes_total",
            "snakepit_jvm_gc_runs_total",
            "snakepit_already_counted_total");
  }

  @Test
  void aSecondTypeForOneFamilyIsLeftOutVisibly() {
    registry.register("queue.depth", (Gauge<Integer>) () -> 1);
    registry.histogram("queue-depth").update(1);

    String text = format.render(registry);

    assertThat(typeLines(text)).containsExactly("# TYPE snakepit_queue_depth gauge");
    assertThat(text).contains("# skipped queue-depth: snakepit_queue_depth is already a gauge");
  }

  @Test
  void specialValuesUseTheFormatsSpelling() {
    assertThat(PrometheusTextFormat.number(Double.NaN)).isEqualTo("NaN");
    assertThat(PrometheusTextFormat.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(PrometheusTextFormat.number(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(PrometheusTextFormat.number(42)).isEqualTo("42");
    assertThat(PrometheusTextFormat.number(0.125)).isEqualTo("0.125");
  }

  @Test
  void emptyRegistryRendersNothing() {
    assertThat(format.render(registry)).isEmpty();
  }

  @Test
  void prefixMustBeAMetricName() {
    assertThatThrownBy(() -> new PrometheusTextFormat("snake-pit"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
