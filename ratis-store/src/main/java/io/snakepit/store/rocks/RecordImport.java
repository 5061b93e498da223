package io.snakepit.store.rocks;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.RequestChecks;
import io.snakepit.store.v1.ImportCounts;
import io.snakepit.store.v1.NamedProgram;
import io.snakepit.store.v1.NamedVariable;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.StoredRecord;
import io.snakepit.store.v1.VariableRecord;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what importing exported records writes: a record missing from the store is written as it
 * was exported, one stored with the same content is skipped (so an interrupted import can simply
 * run again), and one stored with other content is a conflict that fails the whole batch.
 */
public final class RecordImport {

  private final SessionRecords records;

  public RecordImport(SessionRecords records) {
    this.records = records;
  }

  /**
   * Adds the changes to {@code writes}, to write in one batch. An imported session's access time
   * becomes {@code now} (when later than its own), so that a session idle in its old store does not
   * expire on arrival; contents compare without it.
   *
   * @throws StoreException.Conflict when a record is stored with other content
   * @throws StoreException.NotFound when a variable's or program's session is neither stored nor
   *     imported earlier in the batch
   */
  public ImportCounts decide(List<StoredRecord> batch, Instant now, RecordWrites writes) {
    Set<String> importedSessions = new HashSet<>();
    int written = 0;
    for (StoredRecord record : batch) {
      boolean wrote =
          switch (record.getKindCase()) {
            case SESSION -> session(record.getSession(), now, writes, importedSessions);
            case VARIABLE -> variable(record.getVariable(), writes, importedSessions);
            case PROGRAM -> program(record.getProgram(), writes, importedSessions);
            case KIND_NOT_SET -> throw new StoreException.InvalidArgument("an empty record");
          };
      if (wrote) {
        written++;
      }
    }
    return ImportCounts.newBuilder()
        .setWritten(written)
        .setUnchanged(batch.size() - written)
        .build();
  }

  /** The session a record is or belongs to. */
  public static String sessionIdOf(StoredRecord record) {
    return switch (record.getKindCase()) {
      case SESSION -> record.getSession().getId();
      case VARIABLE -> record.getVariable().getSessionId();
      case PROGRAM -> record.getProgram().getSessionId();
      case KIND_NOT_SET -> throw new StoreException.InvalidArgument("an empty record");
    };
  }

  private boolean session(
      SessionRecord imported, Instant now, RecordWrites writes, Set<String> importedSessions) {
    importedSessions.add(imported.getId());
    Optional<SessionRecord> stored = records.session(imported.getId());
    if (stored.isPresent()) {
      requireSame(RecordCodec.sameContent(stored.get(), imported), "session", imported.getId(), "");
      return false;
    }
    SessionRecord arrived =
        imported.getLastAccessedMillis() < now.toEpochMilli()
            ? RecordCodec.touched(imported, now)
            : imported;
    writes.putSession(arrived);
    return true;
  }

  private boolean variable(
      NamedVariable imported, RecordWrites writes, Set<String> importedSessions) {
    String sessionId = imported.getSessionId();
    requireSession(sessionId, importedSessions);
    Optional<VariableRecord> stored = records.variable(sessionId, imported.getName());
    if (stored.isPresent()) {
      requireSame(
          stored.get().equals(imported.getRecord()), "variable", imported.getName(), sessionId);
      return false;
    }
    writes.putVariable(sessionId, imported.getName(), imported.getRecord());
    return true;
  }

  private boolean program(
      NamedProgram imported, RecordWrites writes, Set<String> importedSessions) {
    String sessionId = imported.getSessionId();
    requireSession(sessionId, importedSessions);
    Optional<ProgramRecord> stored = records.program(sessionId, imported.getProgramId());
    if (stored.isPresent()) {
      requireSame(
          stored.get().equals(imported.getRecord()), "program", imported.getProgramId(), sessionId);
      return false;
    }
    writes.putProgram(sessionId, imported.getProgramId(), imported.getRecord());
    return true;
  }

  private void requireSession(String sessionId, Set<String> importedSessions) {
    if (!importedSessions.contains(sessionId) && !records.sessionExists(sessionId)) {
      throw RequestChecks.sessionNotFound(sessionId);
    }
  }

  /** A record already stored must be the imported one: anything else is a conflict. */
  private static void requireSame(boolean same, String what, String name, String sessionId) {
    if (!same) {
      String where = sessionId.isEmpty() ? "" : " of session '" + sessionId + "'";
      throw new StoreException.Conflict(
          what
              + " '"
              + name
              + "'"
              + where
              + " is already stored with other content; the import changes nothing");
    }
  }
}
