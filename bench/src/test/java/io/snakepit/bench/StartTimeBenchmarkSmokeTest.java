package io.snakepit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.node.config.StartMethod;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A short run of the start-time benchmark in the default suite, so that it cannot rot. */
class StartTimeBenchmarkSmokeTest {

  @Test
  void bothStartMethodsAreTimedAndTheirWorkersMemoryRead() {
    List<StartSample> samples =
        StartTimeBenchmark.measure(new StartTimeBenchmark.Plan(List.of(2), 1, 0));

    assertThat(samples).extracting(StartSample::method).containsExactly(StartMethod.values());
    assertThat(samples)
        .allSatisfy(
            sample -> {
              assertThat(sample.untilAllAnswer()).isPositive();
              assertThat(sample.workerMemory())
                  .hasSize(2)
                  .allSatisfy(memory -> assertThat(memory.ussKib()).isPositive());
              assertThat(sample.forkServerMemory().isPresent())
                  .isEqualTo(sample.method() == StartMethod.FORK);
            });
    assertThat(StartTimeReport.markdown(samples))
        .contains("| 2 | fork |")
        .contains("| 2 | spawn |")
        .contains("- 2 workers: forked");
  }
}
