package io.snakepit.bench.store;

import java.util.Locale;

/**
 * One store's writes and reads held against its final state (see {@link VersionLedger}).
 *
 * @param failedWrites compare-and-sets that failed, some of which may have been applied
 * @param finalVersions the sum of the records' versions at the end: the writes the store applied
 * @param lostUpdates acknowledged writes missing from the final versions
 * @param inventedVersions versions beyond every write that may have been applied
 * @param staleReads reads that returned less than the writes acknowledged before they began
 */
record LedgerCheck(
    String system,
    long acknowledgedWrites,
    long failedWrites,
    long finalVersions,
    long lostUpdates,
    long inventedVersions,
    long staleReads) {

  boolean clean() {
    return lostUpdates == 0 && inventedVersions == 0 && staleReads == 0;
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "%s: %d compare-and-sets acknowledged, %d failed; the records' final versions"
            + " add up to %d: %d lost updates, %d versions unaccounted for, %d stale reads",
        system,
        acknowledgedWrites,
        failedWrites,
        finalVersions,
        lostUpdates,
        inventedVersions,
        staleReads);
  }
}
