package io.snakepit.bench.forward;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.bench.cluster.LocalCluster;
import io.snakepit.bench.cluster.SnakepitNodes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the forwarding benchmark in the default suite, so that it cannot rot: three
 * nodes start, both routes are measured at both concurrencies, and every call entering through a
 * ran on b, as did every call entering through b. Needs the node's jar.
 */
class ForwardBenchmarkSmokeIT {

  @TempDir Path dir;

  @Test
  void bothRoutesRunEveryStepAndEveryCallRunsOnTheOwner() {
    ForwardResult result;
    try (LocalCluster nodes =
        SnakepitNodes.start(Path.of(System.getProperty("snakepit.nodeJar")), dir, 2)) {
      result = new ForwardComparison(ForwardComparison.QUICK, System.out::println).run(nodes);
    }

    assertThat(result.steps())
        .hasSize(Route.values().length * ForwardComparison.QUICK.clients().size())
        .allSatisfy(
            step -> {
              assertThat(step.measurement().errors()).as(step.summary()).isZero();
              assertThat(step.measurement().calls()).as(step.summary()).isPositive();
            });
    assertThat(result.ranOn()).containsOnlyKeys(Route.LOCAL, Route.FORWARDED);
    assertThat(result.ranOn().values())
        .allSatisfy(counts -> assertThat(counts).containsOnlyKeys("b"));
    assertThat(result.clean()).isTrue();
    assertThat(ForwardReport.markdown(List.of("a smoke run"), result))
        .contains("| 16 |", "- concurrency 1: a forwarded call adds")
        .contains("- forwarded calls (entering through a), warm-ups included, ran on: b ");
  }
}
