package io.snakepit.bench.store;

import io.snakepit.bench.load.ClientCall;

/**
 * One client's compare-and-set updates of its own record: each write expects the version the
 * previous one returned. After a failure it reads the record's version again before the next write,
 * since a write that timed out may still have been applied.
 */
final class CasWriter implements ClientCall {

  private final RecordStore store;
  private final int record;
  private final byte[] value;
  private final VersionLedger ledger;
  private long version;
  private boolean versionKnown;

  CasWriter(RecordStore store, int record, byte[] value, VersionLedger ledger) {
    this.store = store;
    this.record = record;
    this.value = value;
    this.ledger = ledger;
  }

  @Override
  public void call() {
    if (!versionKnown) {
      version = store.version(record);
      versionKnown = true;
    }
    try {
      version = store.compareAndSet(record, version, value);
      ledger.acknowledged(record);
    } catch (RuntimeException e) {
      ledger.failed(record);
      versionKnown = false;
      throw e;
    }
  }
}
