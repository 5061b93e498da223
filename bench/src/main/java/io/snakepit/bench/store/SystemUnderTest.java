package io.snakepit.bench.store;

import io.snakepit.bench.cluster.LocalCluster;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** One of the compared stores: its running cluster and the records a benchmark client sees. */
record SystemUnderTest(String name, LocalCluster cluster, RecordStore records)
    implements AutoCloseable {

  /** Every call's deadline, on both sides. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Connects to a started cluster and waits until each member answers a read for the cluster (a
   * record that does not exist yet answers version 0); stops the cluster if it never does.
   */
  static SystemUnderTest connect(
      String name, LocalCluster cluster, Function<List<String>, RecordStore> client) {
    RecordStore records = null;
    try {
      records = client.apply(cluster.clientAddresses());
      cluster.awaitAnswers(LocalCluster.START_TIMEOUT, records::version);
      return new SystemUnderTest(name, cluster, records);
    } catch (RuntimeException e) {
      if (records != null) {
        records.close();
      }
      cluster.close();
      throw e;
    }
  }

  @Override
  public void close() {
    records.close();
    cluster.close();
  }
}
