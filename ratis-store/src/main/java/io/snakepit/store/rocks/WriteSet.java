package io.snakepit.store.rocks;

import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Changes to write atomically, collected in plain Java so that the store's logic needs no native
 * {@link WriteBatch} to close and no checked RocksDB exception to handle.
 */
public final class WriteSet {

  private interface Change {
    void addTo(WriteBatch batch) throws RocksDBException;
  }

  private final List<Change> changes = new ArrayList<>();

  public WriteSet put(byte[] key, byte[] value) {
    changes.add(batch -> batch.put(key, value));
    return this;
  }

  public WriteSet delete(byte[] key) {
    changes.add(batch -> batch.delete(key));
    return this;
  }

  public WriteSet deleteRange(KeyRange range) {
    changes.add(batch -> batch.deleteRange(range.start(), range.end()));
    return this;
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  void addTo(WriteBatch batch) throws RocksDBException {
    for (Change change : changes) {
      change.addTo(batch);
    }
  }
}
