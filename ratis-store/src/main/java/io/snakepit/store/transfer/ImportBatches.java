package io.snakepit.store.transfer;

import io.snakepit.store.SessionStore;
import io.snakepit.store.v1.StoredRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups records, in their order, into batches an import takes: up to {@link
 * SessionStore#MAX_IMPORT_BATCH_BYTES} each, a larger record alone.
 */
public final class ImportBatches {

  private ImportBatches() {}

  public static void forEach(Iterator<StoredRecord> records, Consumer<List<StoredRecord>> send) {
    List<StoredRecord> batch = new ArrayList<>();
    long bytes = 0;
    while (records.hasNext()) {
      StoredRecord record = records.next();
      long size = record.getSerializedSize();
      if (!batch.isEmpty() && bytes + size > SessionStore.MAX_IMPORT_BATCH_BYTES) {
        send.accept(batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(record);
      bytes += size;
    }
    if (!batch.isEmpty()) {
      send.accept(batch);
    }
  }
}
