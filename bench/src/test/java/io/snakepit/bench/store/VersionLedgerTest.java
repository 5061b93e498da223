package io.snakepit.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger catches what the benchmark's writers and readers are there to catch. */
class VersionLedgerTest {

  private static final byte[] VALUE = {1};

  private final VersionLedger ledger = new VersionLedger(1);

  @Test
  void aStoreThatKeepsEveryAcknowledgedWriteIsClean() {
    MemoryRecords store = new MemoryRecords();
    CasWriter writer = new CasWriter(store, 0, VALUE, ledger);
    for (int i = 0; i < 5; i++) {
      writer.call();
    }
    new LinearizableReader(store, 0, ledger).call();

    LedgerCheck check = ledger.check("memory", store);

    assertThat(check.acknowledgedWrites()).isEqualTo(5);
    assertThat(check.finalVersions()).isEqualTo(5);
    assertThat(check.clean()).as(check.summary()).isTrue();
  }

  @Test
  void anAcknowledgedWriteTheStoreForgotIsALostUpdateAndReadingItsOldVersionIsStale() {
    MemoryRecords store = new MemoryRecords();
    CasWriter writer = new CasWriter(store, 0, VALUE, ledger);
    writer.call();
    writer.call();
    store.versions.put(0, 1L);
    new LinearizableReader(store, 0, ledger).call();

    LedgerCheck check = ledger.check("memory", store);

    assertThat(check.lostUpdates()).isEqualTo(1);
    assertThat(check.staleReads()).isEqualTo(1);
    assertThat(check.clean()).isFalse();
  }

  @Test
  void aFailedWriteMayHaveBeenAppliedButNothingBeyondIt() {
    MemoryRecords store = new MemoryRecords();
    CasWriter writer = new CasWriter(store, 0, VALUE, ledger);
    writer.call();
    store.failNextWriteAfterApplying = true;
    try {
      writer.call();
    } catch (IllegalStateException expected) {
      // the writer was not told that its write was applied
    }
    writer.call();

    assertThat(ledger.check("memory", store).clean()).isTrue();

    store.versions.put(0, 4L);
    assertThat(ledger.check("memory", store).inventedVersions()).isEqualTo(1);
  }

  /** Records in a map, with a fault to inject: a write applied but answered with a failure. */
  private static final class MemoryRecords implements RecordStore {

    final Map<Integer, Long> versions = new HashMap<>();
    boolean failNextWriteAfterApplying;

    @Override
    public long compareAndSet(int record, long expectedVersion, byte[] value) {
      if (version(record) != expectedVersion) {
        throw new IllegalStateException("conflict");
      }
      versions.put(record, expectedVersion + 1);
      if (failNextWriteAfterApplying) {
        failNextWriteAfterApplying = false;
        throw new IllegalStateException("timed out");
      }
      return expectedVersion + 1;
    }

    @Override
    public long version(int record) {
      return versions.getOrDefault(record, 0L);
    }

    @Override
    public void close() {}
  }
}
