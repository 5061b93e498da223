package io.snakepit.store.transfer;

import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.StoredRecord;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** The records of an export, fetched a page at a time as they are iterated. */
public final class ExportPages implements Iterator<StoredRecord> {

  private final Function<String, RecordPage> fetch;
  private Iterator<StoredRecord> page = Collections.emptyIterator();
  private String cursor = "";
  private boolean lastFetched;

  /**
   * @param fetch the page after a cursor: a store's {@code exportRecords}, or the admin API's
   */
  public ExportPages(Function<String, RecordPage> fetch) {
    this.fetch = fetch;
  }

  @Override
  public boolean hasNext() {
    while (!page.hasNext() && !lastFetched) {
      RecordPage next = fetch.apply(cursor);
      page = next.getRecordsList().iterator();
      cursor = next.getNextCursor();
      lastFetched = cursor.isEmpty();
    }
    return page.hasNext();
  }

  @Override
  public StoredRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }
}
