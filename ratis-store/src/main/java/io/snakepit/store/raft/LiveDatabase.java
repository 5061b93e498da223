package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.rocks.RecordWrites;
import io.snakepit.store.rocks.RocksStorage;
import io.snakepit.store.rocks.SessionRecords;
import io.snakepit.store.rocks.StoreFormat;
import io.snakepit.store.v1.LogPosition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A replica's RocksDB database, which a snapshot can replace while the replica runs. Its writes
 * skip the fsync: the Raft log is synced and replays whatever a crash lost.
 */
final class LiveDatabase implements AutoCloseable {

  private static final LogPosition NOTHING_APPLIED = LogPosition.newBuilder().setIndex(-1).build();

  private final Path dir;
  private volatile RocksStorage storage;
  private volatile SessionRecords records;

  /** Kept in memory as well, because every applied entry asks for it. */
  private volatile LogPosition applied;

  private LiveDatabase(Path dir) {
    this.dir = dir;
    open();
  }

  static LiveDatabase open(Path dir) {
    return new LiveDatabase(dir);
  }

  SessionRecords records() {
    return records;
  }

  /** The last log entry whose changes the database holds, or part of them for a batch. */
  LogPosition applied() {
    return applied;
  }

  /** Writes changes together with the position they bring the database to, all or nothing. */
  void write(RecordWrites writes, LogPosition position) {
    records.write(writes.putAppliedPosition(position));
    applied = position;
  }

  void checkpoint(Path target) {
    storage.checkpoint(target);
  }

  /**
   * Closes the database, replaces its files with those of a checkpoint and reopens it. Readers
   * meanwhile get {@link StoreException.Unavailable} from the closed database.
   */
  void replaceWith(Path checkpoint) throws IOException {
    storage.close();
    Directories.deleteRecursively(dir);
    Files.createDirectories(dir);
    // Copies, not links: RocksDB appends to some files (the MANIFEST), which must not change the
    // snapshot that other replicas may still be fetching.
    for (Path file : Directories.files(checkpoint, CheckpointStorage::isDatabaseFile)) {
      Files.copy(file, dir.resolve(file.getFileName()));
    }
    open();
  }

  private void open() {
    RocksStorage opened = RocksStorage.open(dir, RocksStorage.WriteDurability.WAL_ONLY);
    try {
      StoreFormat.checkOrInitialize(opened);
    } catch (RuntimeException e) {
      opened.close();
      throw e;
    }
    storage = opened;
    records = new SessionRecords(opened);
    applied = records.appliedPosition().orElse(NOTHING_APPLIED);
  }

  @Override
  public void close() {
    storage.close();
  }
}
