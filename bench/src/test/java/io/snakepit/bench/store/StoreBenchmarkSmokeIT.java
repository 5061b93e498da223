package io.snakepit.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.bench.load.LoadSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the store benchmark in the default suite, so that it cannot rot: both clusters
 * start, every step is measured, and neither store loses an acknowledged compare-and-set or answers
 * a stale read. Needs etcd on PATH (scripts/install-deps.sh installs Debian's etcd-server) and the
 * node's jar.
 */
class StoreBenchmarkSmokeIT {

  @TempDir Path dir;

  @Test
  void bothStoresRunEveryStepAndKeepEveryAcknowledgedWrite() {
    LoadSettings settings = StoreComparison.QUICK;
    ComparisonResult result;
    try (SystemUnderTest snakepit =
            SnakepitCluster.start(
                Path.of(System.getProperty("snakepit.nodeJar")), dir.resolve("snakepit"));
        SystemUnderTest etcd = EtcdCluster.start("etcd", dir.resolve("etcd"))) {
      result = new StoreComparison(settings, System.out::println).run(List.of(snakepit, etcd));
    }

    assertThat(result.steps())
        .hasSize(2 * Operation.values().length * settings.clients().size())
        .allSatisfy(
            step -> {
              assertThat(step.measurement().errors()).as(step.summary()).isZero();
              assertThat(step.measurement().calls()).as(step.summary()).isPositive();
            });
    assertThat(result.checks())
        .extracting(LedgerCheck::system)
        .containsExactly(SnakepitCluster.NAME, EtcdCluster.NAME);
    assertThat(result.checks())
        .allSatisfy(
            check -> {
              assertThat(check.failedWrites()).as(check.summary()).isZero();
              // More than the one write that created each record: the steps' writes count too.
              assertThat(check.acknowledgedWrites())
                  .as(check.summary())
                  .isGreaterThan(settings.maxClients());
              assertThat(check.finalVersions())
                  .as(check.summary())
                  .isEqualTo(check.acknowledgedWrites());
              assertThat(check.staleReads()).as(check.summary()).isZero();
            });
    assertThat(StoreReport.markdown(List.of("a smoke run"), result))
        .contains("| compare-and-set | 4 |", "| linearizable read | 1 |")
        .contains("compare-and-set at 4 clients: Snakepit does");
  }
}
