package io.snakepit.store.rocks;

import io.snakepit.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.Filter;
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
 * A RocksDB database holding session records. Every call holds a read lock that {@link #close}
 * takes exclusively, because a RocksDB handle used after close crashes the JVM instead of throwing;
 * RocksDB failures become {@link StoreException}s here and nowhere else.
 */
public final class RocksStorage implements AutoCloseable {

  /** When a write counts as done. */
  public enum WriteDurability {
    /** Fsynced in RocksDB's WAL: for a store that has no other log to recover from. */
    SYNCED,
    /**
     * In RocksDB's WAL, not yet fsynced: for a store whose writes replay from a log that is synced
     * (the Raft log), where a second fsync per write would only halve throughput.
     */
    WAL_ONLY
  }

  private static final Logger LOG = LoggerFactory.getLogger(RocksStorage.class);

  private static final double BLOOM_BITS_PER_KEY = 10;

  /** Of the memtable's size: about 10 bits per key for memtables of small records. */
  private static final double MEMTABLE_BLOOM_RATIO = 0.1;

  private final Path dir;
  private final Options options;
  private final Filter filter;
  private final WriteOptions writeOptions;
  private final RocksDB db;
  private final ReadWriteLock openLock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksStorage(
      Path dir, Options options, Filter filter, RocksDB db, WriteDurability durability) {
    this.dir = dir;
    this.options = options;
    this.filter = filter;
    this.db = db;
    this.writeOptions = new WriteOptions().setSync(durability == WriteDurability.SYNCED);
  }

  public static RocksStorage open(Path dir, WriteDurability durability) {
    RocksDB.loadLibrary();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new StoreException.Internal("cannot create the session store directory " + dir, e);
    }
    Filter filter = new BloomFilter(BLOOM_BITS_PER_KEY);
    Options options = options(filter);
    try {
      return new RocksStorage(
          dir, options, filter, RocksDB.open(options, dir.toString()), durability);
    } catch (RocksDBException e) {
      options.close();
      filter.close();
      throw new StoreException.Internal(
          "cannot open the session store in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * With Bloom filters in the table files and the memtable, because most reads are point lookups
   * and many of them find nothing: each write with a request id first looks the id up, and a new id
   * is in no file. Without a filter such a miss searches every file's index.
   */
  private static Options options(Filter filter) {
    return new Options()
        .setCreateIfMissing(true)
        .setTableFormatConfig(new BlockBasedTableConfig().setFilterPolicy(filter))
        .setMemtableWholeKeyFiltering(true)
        .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO);
  }

  public Path dir() {
    return dir;
  }

  /** The value under {@code key}, or null. */
  public byte[] get(byte[] key) {
    return guarded(() -> db.get(key));
  }

  public boolean exists(byte[] key) {
    return guarded(() -> db.keyExists(key));
  }

  public boolean isEmpty() {
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
  public void scan(KeyRange range, Predicate<byte[]> visitor) {
    scanEntries(range, (key, value) -> visitor.test(value));
  }

  /**
   * Visits the keys and values in {@code range} in key order, from one snapshot, while {@code
   * visitor} returns true.
   */
  public void scanEntries(KeyRange range, BiPredicate<byte[], byte[]> visitor) {
    guarded(
        () -> {
          try (Slice upperBound = new Slice(range.end());
              ReadOptions readOptions = new ReadOptions().setIterateUpperBound(upperBound);
              RocksIterator iterator = db.newIterator(readOptions)) {
            for (iterator.seek(range.start()); iterator.isValid(); iterator.next()) {
              if (!visitor.test(iterator.key(), iterator.value())) {
                break;
              }
            }
            iterator.status();
            return null;
          }
        });
  }

  /** Writes every change or none, as durably as the store was opened for. */
  public void write(WriteSet writes) {
    guarded(
        () -> {
          try (WriteBatch batch = new WriteBatch()) {
            writes.addTo(batch);
            db.write(writeOptions, batch);
            return null;
          }
        });
  }

  /**
   * Writes a consistent copy of the database into {@code target}, which must not exist yet: hard
   * links to the immutable table files, copies of the rest.
   */
  public void checkpoint(Path target) {
    guarded(
        () -> {
          try (Checkpoint checkpoint = Checkpoint.create(db)) {
            checkpoint.createCheckpoint(target.toString());
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
      writeOptions.close();
      options.close();
      filter.close();
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
