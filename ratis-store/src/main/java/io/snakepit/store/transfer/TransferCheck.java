package io.snakepit.store.transfer;

import io.snakepit.store.rocks.KeyLayout;
import io.snakepit.store.rocks.RecordCodec;
import io.snakepit.store.rocks.RecordImport;
import io.snakepit.store.v1.StoredRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checks that a store holds what was exported: the same sessions, variables and programs with the
 * same content (versions and times included; a session's access time aside, since the import and
 * every read since move it). Both sides are read in export order and joined as they stream, so a
 * store of any size is checked in little memory.
 */
public final class TransferCheck {

  /** At most this many differences are reported; the counts are exact. */
  static final int MAX_REPORTED = 20;

  /** Export order: sessions, variables, programs (the order of their field numbers), then key. */
  private static final Comparator<StoredRecord> EXPORT_ORDER =
      Comparator.<StoredRecord>comparingInt(record -> record.getKindCase().getNumber())
          .thenComparing(KeyLayout::keyOf, Arrays::compareUnsigned);

  /**
   * What was compared.
   *
   * @param differences one line each, at most {@link #MAX_REPORTED}
   * @param differing how many records differ or are missing
   */
  public record Result(
      long sessions, long variables, long programs, List<String> differences, long differing) {

    public boolean matches() {
      return differing == 0;
    }
  }

  private final List<String> differences = new ArrayList<>();
  private long differing;
  private final long[] counts = new long[4];

  private TransferCheck() {}

  /**
   * @param expected the dump's records, in export order
   * @param sessionIds the sessions of the dump: the store's other records are not compared
   * @param actual every record of the store, in export order
   */
  public static Result compare(
      Iterator<StoredRecord> expected, Set<String> sessionIds, Iterator<StoredRecord> actual) {
    TransferCheck check = new TransferCheck();
    check.join(expected, new Filtered(actual, sessionIds));
    return new Result(
        check.counts[1], check.counts[2], check.counts[3], check.differences, check.differing);
  }

  private void join(Iterator<StoredRecord> expected, Iterator<StoredRecord> actual) {
    StoredRecord want = nextOrNull(expected);
    StoredRecord have = nextOrNull(actual);
    while (want != null || have != null) {
      int order = want == null ? 1 : have == null ? -1 : EXPORT_ORDER.compare(want, have);
      if (order < 0) {
        difference(describe(want) + " is missing");
      } else if (order > 0) {
        difference(describe(have) + " is stored but not in the dump");
      } else if (!sameContent(want, have)) {
        difference(describe(want) + " is stored with other content than in the dump");
      }
      if (order <= 0) {
        counts[want.getKindCase().getNumber()]++;
        want = nextOrNull(expected);
      }
      if (order >= 0) {
        have = nextOrNull(actual);
      }
    }
  }

  private void difference(String text) {
    differing++;
    if (differences.size() < MAX_REPORTED) {
      differences.add(text);
    }
  }

  private static boolean sameContent(StoredRecord a, StoredRecord b) {
    return a.hasSession() ? RecordCodec.sameContent(a.getSession(), b.getSession()) : a.equals(b);
  }

  private static String describe(StoredRecord record) {
    String sessionId = RecordImport.sessionIdOf(record);
    return switch (record.getKindCase()) {
      case SESSION -> "session '" + sessionId + "'";
      case VARIABLE ->
          "variable '" + record.getVariable().getName() + "' of session '" + sessionId + "'";
      case PROGRAM ->
          "program '" + record.getProgram().getProgramId() + "' of session '" + sessionId + "'";
      case KIND_NOT_SET -> "an empty record";
    };
  }

  private static StoredRecord nextOrNull(Iterator<StoredRecord> records) {
    return records.hasNext() ? records.next() : null;
  }

  /** The records of the given sessions only. */
  private static final class Filtered extends Lookahead<StoredRecord> {

    private final Iterator<StoredRecord> records;
    private final Set<String> sessionIds;

    Filtered(Iterator<StoredRecord> records, Set<String> sessionIds) {
      this.records = records;
      this.sessionIds = sessionIds;
    }

    @Override
    protected StoredRecord fetch() {
      while (records.hasNext()) {
        StoredRecord candidate = records.next();
        if (sessionIds.contains(RecordImport.sessionIdOf(candidate))) {
          return candidate;
        }
      }
      return null;
    }
  }
}
