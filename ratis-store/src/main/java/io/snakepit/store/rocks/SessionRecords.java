package io.snakepit.store.embedded;

import com.google.protobuf.Parser;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.VariableRecord;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The persisted records of sessions, by id: which key holds each and how it is encoded. Callers
 * decide what to write and hold the locks; each write here is one atomic, durable batch.
 */
final class SessionRecords {

  private final RocksStorage storage;

  SessionRecords(RocksStorage storage) {
    this.storage = storage;
  }

  Optional<SessionRecord> session(String sessionId) {
    return find(KeyLayout.session(sessionId), SessionRecord.parser());
  }

  boolean sessionExists(String sessionId) {
    return storage.exists(KeyLayout.session(sessionId));
  }

  Optional<VariableRecord> variable(String sessionId, String name) {
    return find(KeyLayout.variable(sessionId, name), VariableRecord.parser());
  }

  Optional<ProgramRecord> program(String sessionId, String programId) {
    return find(KeyLayout.program(sessionId, programId), ProgramRecord.parser());
  }

  /**
   * Visits the sessions whose id sorts after {@code cursor} (all for an empty cursor), in id order
   * and from one snapshot, while {@code visitor} returns true.
   */
  void scanSessions(String cursor, Predicate<SessionRecord> visitor) {
    storage.scan(
        KeyLayout.sessionsAfter(cursor),
        value -> visitor.test(RecordCodec.parse(SessionRecord.parser(), value)));
  }

  void putSession(SessionRecord record) {
    putSessions(List.of(record));
  }

  void putSessions(Collection<SessionRecord> records) {
    WriteSet writes = new WriteSet();
    records.forEach(record -> writes.put(KeyLayout.session(record.getId()), record.toByteArray()));
    write(writes);
  }

  void putVariable(String sessionId, String name, VariableRecord record) {
    write(new WriteSet().put(KeyLayout.variable(sessionId, name), record.toByteArray()));
  }

  void deleteVariable(String sessionId, String name) {
    write(new WriteSet().delete(KeyLayout.variable(sessionId, name)));
  }

  void putProgram(String sessionId, String programId, ProgramRecord record) {
    write(new WriteSet().put(KeyLayout.program(sessionId, programId), record.toByteArray()));
  }

  /** Deletes the sessions with their variables and programs. */
  void deleteSessions(Collection<String> sessionIds) {
    WriteSet writes = new WriteSet();
    for (String sessionId : sessionIds) {
      writes
          .delete(KeyLayout.session(sessionId))
          .deleteRange(KeyLayout.variablesOf(sessionId))
          .deleteRange(KeyLayout.programsOf(sessionId));
    }
    write(writes);
  }

  private void write(WriteSet writes) {
    if (!writes.isEmpty()) {
      storage.write(writes);
    }
  }

  private <T> Optional<T> find(byte[] key, Parser<T> parser) {
    return Optional.ofNullable(storage.get(key)).map(bytes -> RecordCodec.parse(parser, bytes));
  }
}
