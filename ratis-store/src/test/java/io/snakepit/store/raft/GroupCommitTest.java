package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent writers share log entries, and each still gets its own answer. */
class GroupCommitTest {

  private static final int WRITERS = 16;
  private static final int WRITES_PER_WRITER = 25;

  @Test
  void concurrentWritesShareLogEntries(@TempDir Path root) throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      writeConcurrently(cluster);
    }
  }

  private static void writeConcurrently(RaftTestCluster cluster) throws Exception {
    SessionStore store = cluster.store("n0");
    store.create("warm-up", SessionOptions.withTtl(Duration.ZERO));
    String leader = cluster.awaitLeader();
    long before = cluster.appliedIndex(leader);

    ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        String prefix = "w" + w + "-";
        done.add(
            writers.submit(
                () ->
                    IntStream.range(0, WRITES_PER_WRITER)
                        .forEach(
                            i ->
                                assertThat(
                                        store
                                            .create(
                                                prefix + i, SessionOptions.withTtl(Duration.ZERO))
                                            .id())
                                    .isEqualTo(prefix + i))));
      }
      for (Future<?> writer : done) {
        writer.get(1, TimeUnit.MINUTES);
      }
    } finally {
      writers.shutdownNow();
    }

    int writes = WRITERS * WRITES_PER_WRITER;
    assertThat(store.list("", SessionStore.MAX_PAGE_SIZE).sessions()).hasSize(writes + 1);
    assertThat(cluster.appliedIndex(leader) - before)
        .as("log entries for %d concurrent writes", writes)
        .isLessThan(writes / 2);
  }
}
