package io.snakepit.bench.store;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients of one store were told, record by record, to hold the store to at the end: a
 * record's version counts its writes, so it must be at least the compare-and-sets acknowledged on
 * it (none lost) and at most those plus the ones that failed, any of which may have been applied
 * (nothing invented); and no read may return less than what was acknowledged before it began.
 */
final class VersionLedger {

  private final AtomicLongArray acknowledged;
  private final AtomicLongArray failed;
  private final LongAdder staleReads = new LongAdder();

  VersionLedger(int records) {
    acknowledged = new AtomicLongArray(records);
    failed = new AtomicLongArray(records);
  }

  void acknowledged(int record) {
    acknowledged.incrementAndGet(record);
  }

  /** A compare-and-set failed; one that timed out or lost its node may still have been applied. */
  void failed(int record) {
    failed.incrementAndGet(record);
  }

  /** Counts the read as stale if it returned less than the writes acknowledged before it. */
  void read(long version, long acknowledgedBefore) {
    if (version < acknowledgedBefore) {
      staleReads.increment();
    }
  }

  long acknowledgedOn(int record) {
    return acknowledged.get(record);
  }

  /** Reads every record's final version from the store and compares it with the ledger. */
  LedgerCheck check(String system, RecordStore store) {
    long acknowledgedWrites = 0;
    long failedWrites = 0;
    long finalVersions = 0;
    long lost = 0;
    long invented = 0;
    for (int record = 0; record < acknowledged.length(); record++) {
      long version = store.version(record);
      acknowledgedWrites += acknowledged.get(record);
      failedWrites += failed.get(record);
      finalVersions += version;
      lost += Math.max(0, acknowledged.get(record) - version);
      invented += Math.max(0, version - acknowledged.get(record) - failed.get(record));
    }
    return new LedgerCheck(
        system, acknowledgedWrites, failedWrites, finalVersions, lost, invented, staleReads.sum());
  }
}
