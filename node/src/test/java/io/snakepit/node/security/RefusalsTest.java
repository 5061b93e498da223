package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import io.snakepit.node.metrics.MetricNames;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalsTest {

  @Test
  void everyRefusalIsCountedByPortAndReason() {
    MetricRegistry metrics = new MetricRegistry();
    Refusals refusals = new Refusals(metrics, new AtomicLong()::get);

    refusals.record("api", Refusals.Reason.UNKNOWN_TOKEN, "a call from 10.0.0.9:4711");
    refusals.record("api", Refusals.Reason.UNKNOWN_TOKEN, "a call from 10.0.0.9:4712");
    refusals.record("raft", Refusals.Reason.NOT_A_PEER, "CN=ops");

    assertThat(count(metrics, "api", "unknown_token")).isEqualTo(2);
    assertThat(count(metrics, "raft", "not_a_peer")).isEqualTo(1);
    assertThat(count(metrics, "api", "wrong_role")).isZero();
  }

  @Test
  void aLogWindowAdmitsOneLinePerPeriodAndTellsHowManyItStoodFor() {
    Refusals.LogWindow window = new Refusals.LogWindow();
    long period = Refusals.LOG_EVERY.toNanos();

    assertThat(window.admit(0)).as("the first").isZero();
    assertThat(window.admit(1)).as("within the period").isEqualTo(-1);
    assertThat(window.admit(period - 1)).as("still within").isEqualTo(-1);
    assertThat(window.admit(period)).as("the next period, after two unlogged").isEqualTo(2);
    assertThat(window.admit(period + 1)).isEqualTo(-1);
  }

  private static long count(MetricRegistry metrics, String port, String reason) {
    return metrics
        .counter(MetricNames.tagged("snakepit.security.refusals", "port", port, "reason", reason))
        .getCount();
  }
}
