package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.SessionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A write through one node is seen at once through every other, with either kind of read. */
class RaftReadsTest {

  @ParameterizedTest(name = "lease reads: {0}")
  @ValueSource(booleans = {false, true})
  void aWriteThroughOneNodeIsReadThroughEveryOther(boolean leaseReads, @TempDir Path root) {
    try (RaftTestCluster cluster =
        RaftTestCluster.start(root, 3, config -> config.withLeaseReads(leaseReads))) {
      for (int i = 0; i < 5; i++) {
        String writer = "n" + (i % 3);
        String sessionId = "s" + i;
        cluster
            .store(writer)
            .create(sessionId, new SessionOptions(Map.of("by", writer), Duration.ZERO));

        for (String reader : cluster.peerIds()) {
          assertThat(cluster.store(reader).get(sessionId).metadata())
              .as("read through %s", reader)
              .containsEntry("by", writer);
        }
      }
    }
  }
}
