package io.snakepit.store.embedded;

import io.snakepit.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB database behind the embedded store. Every call holds a read lock that {@link #close}
 * takes exclusively, because a RocksDB handle used after close crashes the JVM instead of throwing;
 * RocksDB failures become {@link StoreException}s here and nowhere else.
 */
final class RocksStorage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RocksStorage.class);

  private final Path dir;
  private final Options options;
  private final WriteOptions syncWrites;
  private final RocksDB db;
  private final ReadWriteLock openLock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksStorage(Path dir, Options options, RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.db = db;
    // The embedded store has no replicated log to recover from: a write is acknowledged only once
    // it is fsynced in RocksDB's WAL. (The Raft store may write with sync off; its log is synced.)
    this.syncWrites = new WriteOptions().setSync(true);
  }

  static RocksStorage open(Path dir) {
    RocksDB.loadLibrary();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException.Internal("cannot create the session store directory " + dir, e);
    }
    Options options = new Options().setCreateIfMissing(true);
    try {
      return new RocksStorage(dir, options, RocksDB.open(options, dir.toString()));
    } catch (RocksDBException e) {
      options.close();
      throw new StoreException.Internal(
          "cannot open the session store in " + dir + ": " + e.getMessage(), e);
    }
  }

  Path dir() {
    return dir;
  }

  /** The value under {@code key}, or null. */
  byte[] get(byte[] key) {
    return guarded(() -> db.get(key));
  }

  boolean exists(byte[] key) {
    return guarded(() -> db.keyExists(key));
  }

  boolean isEmpty() {
    return guarded(
        () -> {
          try (RocksIterator iterator = db.newIterator()) {
            iterator.seekToFirst();
            boolean empty = !iterator.isValid();
            iterator.status();
            return empty;
          }
        });
  }

  /**
   * Visits the values in {@code range} in key order, from one snapshot, while {@code visitor}
   * returns true.
   */
  void scan(KeyRange range, Predicate<byte[]> visitor) {
    guarded(
        () -> {
          try (Slice upperBound = new Slice(range.end());
              ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upperBound);
              RocksIterator iterator = db.newIterator(readOptions)) {
            for (iterator.seek(range.start()); iterator.isValid(); iterator.next()) {
              if (!visitor.test(iterator.value())) {
                break;
              }
            }
            iterator.status();
            return null;
          }
        });
  }

  /** Writes every change or none, durably. */
  void write(WriteSet writes) {
    guarded(
        () -> {
          try (WriteBatch batch = new WriteBatch()) {
            writes.addTo(batch);
            db.write(syncWrites, batch);
            return null;
          }
        });
  }

  @Override
  public void close() {
    Lock lock = openLock.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        db.closeE();
      } catch (RocksDBException e) {
        LOG.warn("Closing the session store in {} failed", dir, e);
      }
      syncWrites.close();
      options.close();
    } finally {
      lock.unlock();
    }
  }

  private interface RocksCall<T> {
    T call() throws RocksDBException;
  }

  private <T> T guarded(RocksCall<T> call) {
    Lock lock = openLock.readLock();
    lock.lock();
    try {
      if (closed) {
        throw new StoreException.Unavailable("the session store in " + dir + " is closed", null);
      }
      return call.call();
    } catch (RocksDBException e) {
      throw new StoreException.Internal(
          "RocksDB failed in the session store in " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }
}
