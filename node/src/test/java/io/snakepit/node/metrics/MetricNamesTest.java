package io.snakepit.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

  @Test
  void labelsFollowTheBaseInOrder() {
    assertThat(MetricNames.tagged("snakepit.tool.calls", "pool", "default", "tool", "ping"))
        .isEqualTo("snakepit.tool.calls{pool=\"default\",tool=\"ping\"}");
  }

  @Test
  void noLabelsLeavesTheBase() {
    assertThat(MetricNames.tagged("snakepit.sessions")).isEqualTo("snakepit.sessions");
  }

  @Test
  void valuesAreEscaped() {
    assertThat(MetricNames.tagged("m", "tool", "say \"hi\"\\\n"))
        .isEqualTo("m{tool=\"say \\\"hi\\\"\\\\\\n\"}");
  }

  @Test
  void oddLabelArgumentsAndBadLabelNamesAreRefused() {
    assertThatThrownBy(() -> MetricNames.tagged("m", "pool"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricNames.tagged("m", "pool-name", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pool-name");
  }

  @Test
  void splitTakesATaggedNameApart() {
    assertThat(MetricNames.split(MetricNames.tagged("a.b", "k", "v{}")))
        .isEqualTo(new MetricNames.Tagged("a.b", "k=\"v{}\""));
    assertThat(MetricNames.split("a.b")).isEqualTo(new MetricNames.Tagged("a.b", ""));
  }
}
