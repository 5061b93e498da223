package io.snakepit.node.metrics;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Renders a {@link MetricRegistry} in the Prometheus text exposition format, version 0.0.4.
 *
 * <p>Names made by {@link MetricNames#tagged} become labelled samples of one family. Counters and
 * meters are counters ({@code _total}), numeric gauges are gauges, timers are summaries in seconds
 * ({@code _seconds}) and histograms are summaries of their raw values.
 */
public final class PrometheusTextFormat {

  /** The content type of the rendered text. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Pattern PREFIX = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern NOT_ALLOWED_IN_NAME = Pattern.compile("[^a-zA-Z0-9_:]");
  private static final double[] QUANTILES = {0.5, 0.9, 0.99};
  private static final double NANOSECONDS_PER_SECOND = 1e9;

  private final String prefix;

  /**
   * @param prefix put before every family name that does not already start with it, e.g. {@code
   *     snakepit}
   */
  public PrometheusTextFormat(String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("not a metric name prefix: \"" + prefix + "\"");
    }
    this.prefix = prefix + "_";
  }

  public String render(MetricRegistry registry) {
    Families families = new Families();
    registry.getCounters().forEach((name, counter) -> counter(families, name, counter.getCount()));
    registry.getMeters().forEach((name, meter) -> counter(families, name, meter.getCount()));
    registry.getGauges().forEach((name, gauge) -> gauge(families, name, gauge.getValue()));
    registry
        .getHistograms()
        .forEach(
            (name, histogram) ->
                summary(families, name, "", histogram.getCount(), histogram.getSnapshot(), 1));
    registry
        .getTimers()
        .forEach(
            (name, timer) ->
                summary(
                    families,
                    name,
                    "_seconds",
                    timer.getCount(),
                    timer.getSnapshot(),
                    NANOSECONDS_PER_SECOND));
    return families.render();
  }

  private void counter(Families families, String name, long count) {
    MetricNames.Tagged tagged = MetricNames.split(name);
    String family = familyName(tagged.base(), "_total");
    families.add(family, "counter", name, List.of(sample(family, tagged.labels(), count)));
  }

  private void gauge(Families families, String name, Object value) {
    if (value instanceof Number number) {
      MetricNames.Tagged tagged = MetricNames.split(name);
      String family = familyName(tagged.base(), "");
      families.add(
          family, "gauge", name, List.of(sample(family, tagged.labels(), number.doubleValue())));
    }
  }

  /**
   * @param divisor divides the snapshot's values, to turn a timer's nanoseconds into seconds
   */
  private void summary(
      Families families, String name, String unit, long count, Snapshot snapshot, double divisor) {
    MetricNames.Tagged tagged = MetricNames.split(name);
    String family = familyName(tagged.base(), unit);
    List<String> lines = new ArrayList<>();
    for (double quantile : QUANTILES) {
      String labels = join(tagged.labels(), "quantile=\"" + quantile + "\"");
      lines.add(sample(family, labels, snapshot.getValue(quantile) / divisor));
    }
    // Dropwizard keeps no running total, so the sum is the sampled mean times the count: exact
    // for a uniform reservoir, an estimate for the default exponentially decaying one.
    lines.add(sample(family + "_sum", tagged.labels(), snapshot.getMean() * count / divisor));
    lines.add(sample(family + "_count", tagged.labels(), count));
    families.add(family, "summary", name, lines);
  }

  private String familyName(String base, String suffix) {
    String name = NOT_ALLOWED_IN_NAME.matcher(base).replaceAll("_");
    if (!name.startsWith(prefix)) {
      name = prefix + name;
    }
    return name.endsWith(suffix) ? name : name + suffix;
  }

  private static String join(String labels, String label) {
    return labels.isEmpty() ? label : labels + "," + label;
  }

  private static String sample(String name, String labels, double value) {
    return (labels.isEmpty() ? name : name + "{" + labels + "}") + " " + number(value);
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /** Samples grouped by family, so that each family gets exactly one {@code # TYPE} line. */
  private static final class Families {
    private final Map<String, String> types = new TreeMap<>();
    private final Map<String, List<String>> samples = new TreeMap<>();
    private final List<String> skipped = new ArrayList<>();

    void add(String family, String type, String metric, List<String> lines) {
      String known = types.putIfAbsent(family, type);
      if (known != null && !known.equals(type)) {
        // Two types in one family would make Prometheus reject the whole scrape: leave the
        // newcomer out, visibly.
        skipped.add("# skipped " + metric + ": " + family + " is already a " + known);
        return;
      }
      samples.computeIfAbsent(family, name -> new ArrayList<>()).addAll(lines);
    }

    String render() {
      StringBuilder text = new StringBuilder();
      samples.forEach(
          (family, lines) -> {
            text.append("# TYPE ")
                .append(family)
                .append(' ')
                .append(types.get(family))
                .append('\n');
            lines.forEach(line -> text.append(line).append('\n'));
          });
      skipped.forEach(line -> text.append(line).append('\n'));
      return text.toString();
    }
  }
}
