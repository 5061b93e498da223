package io.snakepit.bench.store;

import io.snakepit.bench.load.ClientCall;

/** One client's linearizable reads of its own record, each checked against the ledger. */
final class LinearizableReader implements ClientCall {

  private final RecordStore store;
  private final int record;
  private final VersionLedger ledger;

  LinearizableReader(RecordStore store, int record, VersionLedger ledger) {
    this.store = store;
    this.record = record;
    this.ledger = ledger;
  }

  @Override
  public void call() {
    long acknowledgedBefore = ledger.acknowledgedOn(record);
    ledger.read(store.version(record), acknowledgedBefore);
  }
}
