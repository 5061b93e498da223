package io.snakepit.store.rocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksStorageTest {

  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "v".getBytes(StandardCharsets.UTF_8);

  /** The Raft store's recovery relies on it: the log is kept only back to the newest checkpoint. */
  @Test
  void aWriteWithoutTheWalIsInACheckpointTakenRightAfterIt(@TempDir Path dir) {
    Path live = dir.resolve("live");
    Path checkpoint = dir.resolve("checkpoint");
    try (RocksStorage storage = RocksStorage.open(live, RocksStorage.WriteDurability.UNLOGGED)) {
      storage.write(new WriteSet().put(KEY, VALUE));
      storage.checkpoint(checkpoint);
    }

    try (RocksStorage copy = RocksStorage.open(checkpoint, RocksStorage.WriteDurability.UNLOGGED)) {
      assertThat(copy.get(KEY)).isEqualTo(VALUE);
    }
  }

  @Test
  void aWriteWithoutTheWalSurvivesAClose(@TempDir Path dir) {
    try (RocksStorage storage = RocksStorage.open(dir, RocksStorage.WriteDurability.UNLOGGED)) {
      storage.write(new WriteSet().put(KEY, VALUE));
    }

    try (RocksStorage reopened = RocksStorage.open(dir, RocksStorage.WriteDurability.UNLOGGED)) {
      assertThat(reopened.get(KEY)).isEqualTo(VALUE);
    }
  }
}
