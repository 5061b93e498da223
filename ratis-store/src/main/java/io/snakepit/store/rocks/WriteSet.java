package io.snakepit.store.rocks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Changes to write atomically, collected in plain Java so that the store's logic needs no native
 * {@link WriteBatch} to close and no checked RocksDB exception to handle. It also knows what its
 * puts and deletes leave at each key, so that reads can see the changes before they are written.
 */
public final class WriteSet {

  private interface Change {
    void addTo(WriteBatch batch) throws RocksDBException;
  }

  /** What a delete leaves at its key, told apart from every value by identity. */
  private static final byte[] DELETED = new byte[0];

  private final List<Change> changes = new ArrayList<>();
  private final Map<ByteBuffer, byte[]> lastChangeByKey = new HashMap<>();
  private boolean deletesRanges;

  public WriteSet put(byte[] key, byte[] value) {
    changes.add(batch -> batch.put(key, value));
    lastChangeByKey.put(ByteBuffer.wrap(key), value);
    return this;
  }

  public WriteSet delete(byte[] key) {
    changes.add(batch -> batch.delete(key));
    lastChangeByKey.put(ByteBuffer.wrap(key), DELETED);
    return this;
  }

  public WriteSet deleteRange(KeyRange range) {
    changes.add(batch -> batch.deleteRange(range.start(), range.end()));
    deletesRanges = true;
    return this;
  }

  /** Adds the other set's changes after these. */
  WriteSet addAll(WriteSet later) {
    changes.addAll(later.changes);
    lastChangeByKey.putAll(later.lastChangeByKey);
    deletesRanges |= later.deletesRanges;
    return this;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** Whether a range delete is among the changes: {@link #changes(byte[])} does not see those. */
  boolean deletesRanges() {
    return deletesRanges;
  }

  /** Whether a put or a delete here changes the key. */
  boolean changes(byte[] key) {
    return lastChangeByKey.containsKey(ByteBuffer.wrap(key));
  }

  /** The value the last change here leaves at a key it {@link #changes}; null for a delete. */
  byte[] valueAt(byte[] key) {
    byte[] value = lastChangeByKey.get(ByteBuffer.wrap(key));
    return value == DELETED ? null : value;
  }

  void addTo(WriteBatch batch) throws RocksDBException {
    for (Change change : changes) {
      change.addTo(batch);
    }
  }
}
