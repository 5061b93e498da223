package io.snakepit.node.metrics;

import java.util.regex.Pattern;

/**
 * Builds Dropwizard metric names that carry Prometheus labels, {@code base{k="v",k2="v2"}}:
 * Dropwizard has no labels of its own, and {@link PrometheusTextFormat} turns the suffix back into
 * labels.
 */
public final class MetricNames {

  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private MetricNames() {}

  /**
   * A name with labels, e.g. {@code tagged("snakepit.tool.calls", "pool", "default", "tool",
   * "ping")} is {@code snakepit.tool.calls{pool="default",tool="ping"}}. Values are escaped as the
   * Prometheus text format requires.
   *
   * @param labels label names and values, alternating
   * @throws IllegalArgumentException on an odd number of label arguments or an invalid label name
   */
  public static String tagged(String base, String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs: " + labels.length);
    }
    if (labels.length == 0) {
      return base;
    }
    StringBuilder name = new StringBuilder(base).append('{');
    for (int i = 0; i < labels.length; i += 2) {
      if (!LABEL_NAME.matcher(labels[i]).matches()) {
        throw new IllegalArgumentException("not a label name: \"" + labels[i] + "\"");
      }
      name.append(i == 0 ? "" : ",").append(labels[i]).append("=\"");
      name.append(escape(labels[i + 1])).append('"');
    }
    return name.append('}').toString();
  }

  /** Splits a name made by {@link #tagged} into its base and its labels (without braces). */
  static Tagged split(String name) {
    int open = name.indexOf('{');
    if (open < 0 || !name.endsWith("}")) {
      return new Tagged(name, "");
    }
    return new Tagged(name.substring(0, open), name.substring(open + 1, name.length() - 1));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /**
   * A metric name taken apart.
   *
   * @param base the name before the labels
   * @param labels {@code k="v",k2="v2"}, already escaped, or empty
   */
  record Tagged(String base, String labels) {}
}
