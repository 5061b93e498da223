package io.snakepit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A short run of the execute benchmark in the default suite, so that it cannot rot. */
class ExecuteBenchmarkSmokeTest {

  @Test
  void bothRoutesAreMeasuredAtEveryConcurrency() throws Exception {
    List<BenchMain.RouteFigures> figures = BenchMain.measure(true);

    assertThat(figures).hasSize(4);
    assertThat(figures)
        .allSatisfy(
            figure -> {
              assertThat(figure.callsPerSecond()).isPositive();
              assertThat(figure.p99()).isGreaterThanOrEqualTo(figure.p50()).isPositive();
            });
    assertThat(ExecuteReport.markdown(figures)).contains("concurrency 16: the node adds");
  }
}
