package io.snakepit.store.raft;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.common.RequestChecks;
import io.snakepit.store.rocks.RecordCodec;
import io.snakepit.store.rocks.RecordImport;
import io.snakepit.store.rocks.RecordWrites;
import io.snakepit.store.rocks.RequestRecords;
import io.snakepit.store.rocks.SessionRecords;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.DeleteVariable;
import io.snakepit.store.v1.ExpireSessions;
import io.snakepit.store.v1.ImportRecords;
import io.snakepit.store.v1.NodeRecord;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.PutProgram;
import io.snakepit.store.v1.PutVariable;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.Touch;
import io.snakepit.store.v1.UpdateSession;
import io.snakepit.store.v1.VariableRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides what a command does to the current records: the changes to write and the reply. It reads
 * time only from the command, so every replica decides the same.
 */
final class CommandApplier {

  /** The changes of one command, to write in one batch, and its answer. */
  record Outcome(RecordWrites writes, Reply reply) {}

  private final SessionRecords records;
  private final RequestRecords requests;

  CommandApplier(SessionRecords records) {
    this.records = records;
    this.requests = new RequestRecords(records);
  }

  /**
   * Decisions (not found, conflict, bad argument) become failure replies; a storage failure is
   * thrown, because a replica that cannot read its state must stop rather than decide differently.
   *
   * <p>A command with a request id that was applied within the window is answered with its recorded
   * reply and changes nothing; a new one is recorded with its reply, failure included, in the batch
   * of its changes.
   */
  Outcome apply(Command command) {
    if (command.getRequestId().isEmpty()) {
      return decide(command);
    }
    try {
      Optional<Reply> answered = requests.answered(command);
      if (answered.isPresent()) {
        return new Outcome(new RecordWrites(), answered.get());
      }
    } catch (StoreException.InvalidArgument e) {
      return new Outcome(new RecordWrites(), Replies.failure(e));
    }
    Outcome decided = decide(command);
    requests.record(command, decided.reply(), decided.writes());
    return decided;
  }

  private Outcome decide(Command command) {
    Instant now = Instant.ofEpochMilli(command.getNowMillis());
    RecordWrites writes = new RecordWrites();
    try {
      Reply reply =
          switch (command.getKindCase()) {
            case CREATE_SESSION -> create(command.getCreateSession(), now, writes);
            case UPDATE_SESSION -> update(command.getUpdateSession(), now, writes);
            case DELETE_SESSION -> delete(command.getDeleteSession().getSessionId(), writes);
            case PUT_VARIABLE -> putVariable(command.getPutVariable(), now, writes);
            case DELETE_VARIABLE -> deleteVariable(command.getDeleteVariable(), now, writes);
            case PUT_PROGRAM -> putProgram(command.getPutProgram(), now, writes);
            case TOUCH_SESSIONS -> touch(command.getTouchSessions().getTouchesList(), writes);
            case EXPIRE_SESSIONS -> expire(command.getExpireSessions(), now, writes);
            case IMPORT_RECORDS -> importRecords(command.getImportRecords(), now, writes);
            case REGISTER_NODE -> registerNode(command.getRegisterNode().getNode(), now, writes);
            case BATCH -> throw new StoreException.InvalidArgument("batches do not nest");
            case KIND_NOT_SET -> throw new StoreException.InvalidArgument("empty command");
          };
      return new Outcome(writes, reply);
    } catch (StoreException.NotFound | StoreException.Conflict | StoreException.InvalidArgument e) {
      return new Outcome(new RecordWrites(), Replies.failure(e));
    }
  }

  private Reply create(CreateSession create, Instant now, RecordWrites writes) {
    Optional<SessionRecord> existing = records.session(create.getSessionId());
    if (existing.isPresent()) {
      return sessionReply(existing.get());
    }
    SessionOptions options = options(create.getMetadataMap(), create.getTtlMillis());
    SessionRecord created = RecordCodec.newSession(create.getSessionId(), options, now);
    writes.putSession(created);
    return sessionReply(created);
  }

  private Reply update(UpdateSession update, Instant now, RecordWrites writes) {
    SessionRecord expected = update.getExpected();
    SessionRecord current = requireSession(expected.getId());
    if (!RecordCodec.sameContent(current, expected)) {
      throw new StoreException.Conflict(
          "session '" + expected.getId() + "' changed since it was read");
    }
    SessionOptions options = options(update.getMetadataMap(), update.getTtlMillis());
    SessionRecord next = RecordCodec.withOptions(current, options, now);
    writes.putSession(next);
    return sessionReply(next);
  }

  private Reply delete(String sessionId, RecordWrites writes) {
    boolean found = records.sessionExists(sessionId);
    if (found) {
      writes.deleteSession(sessionId);
    }
    return Reply.newBuilder().setFound(found).build();
  }

  private Reply putVariable(PutVariable put, Instant now, RecordWrites writes) {
    String sessionId = put.getSessionId();
    OptionalLong expected =
        put.hasExpectedVersion() ? OptionalLong.of(put.getExpectedVersion()) : OptionalLong.empty();
    long current = accessVariable(sessionId, put.getName(), expected, now, writes);
    VariableRecord next = RecordCodec.variableRecord(put.getValue(), current + 1, now);
    writes.putVariable(sessionId, put.getName(), next);
    return Reply.newBuilder().setVariable(next).build();
  }

  private Reply deleteVariable(DeleteVariable delete, Instant now, RecordWrites writes) {
    String sessionId = delete.getSessionId();
    OptionalLong expected =
        delete.hasExpectedVersion()
            ? OptionalLong.of(delete.getExpectedVersion())
            : OptionalLong.empty();
    long current = accessVariable(sessionId, delete.getName(), expected, now, writes);
    if (current > 0) {
      writes.deleteVariable(sessionId, delete.getName());
    }
    return Reply.newBuilder().setFound(current > 0).build();
  }

  /**
   * The variable's version (0 when absent) after checking it against the expected one; the write is
   * an access of the session.
   */
  private long accessVariable(
      String sessionId, String name, OptionalLong expected, Instant now, RecordWrites writes) {
    accessSession(sessionId, now, writes);
    long current = records.variable(sessionId, name).map(VariableRecord::getVersion).orElse(0L);
    RequestChecks.checkExpectedVersion(expected, current, name, sessionId);
    return current;
  }

  private Reply putProgram(PutProgram put, Instant now, RecordWrites writes) {
    String sessionId = put.getSessionId();
    accessSession(sessionId, now, writes);
    long current =
        records.program(sessionId, put.getProgramId()).map(ProgramRecord::getVersion).orElse(0L);
    ProgramRecord next =
        RecordCodec.programRecord(put.getData(), put.getMetadataMap(), current + 1, now);
    writes.putProgram(sessionId, put.getProgramId(), next);
    return Reply.newBuilder().setProgram(next).build();
  }

  private Reply touch(List<Touch> touches, RecordWrites writes) {
    int touched = 0;
    for (Touch touch : touches) {
      Optional<SessionRecord> record = records.session(touch.getSessionId());
      if (record.isPresent()
          && record.get().getLastAccessedMillis() < touch.getAccessedAtMillis()) {
        writes.putSession(
            RecordCodec.touched(record.get(), Instant.ofEpochMilli(touch.getAccessedAtMillis())));
        touched++;
      }
    }
    return Reply.newBuilder().setCount(touched).build();
  }

  /**
   * Applies the proposer's pending touches first, so that a session it just served stays. Forgets
   * the request records out of the window too: expiry is the one periodic replicated command.
   */
  private Reply expire(ExpireSessions expire, Instant now, RecordWrites writes) {
    Map<String, Long> pending = new HashMap<>();
    expire
        .getPendingTouchesList()
        .forEach(t -> pending.merge(t.getSessionId(), t.getAccessedAtMillis(), Math::max));
    int[] expired = {0};
    records.scanSessions(
        "",
        stored -> {
          Long touchedAt = pending.get(stored.getId());
          SessionRecord record =
              touchedAt == null
                  ? stored
                  : RecordCodec.touched(stored, Instant.ofEpochMilli(touchedAt));
          if (RecordCodec.session(record).isExpiredAt(now)) {
            writes.deleteSession(record.getId());
            expired[0]++;
          } else if (!record.equals(stored)) {
            writes.putSession(record);
          }
          return true;
        });
    long nowMillis = now.toEpochMilli();
    requests.outOfWindow(nowMillis).forEach(entry -> requests.forget(entry, nowMillis, writes));
    return Reply.newBuilder().setCount(expired[0]).build();
  }

  private Reply importRecords(ImportRecords batch, Instant now, RecordWrites writes) {
    return Reply.newBuilder()
        .setImported(new RecordImport(records).decide(batch.getRecordsList(), now, writes))
        .build();
  }

  private static Reply registerNode(NodeRecord node, Instant now, RecordWrites writes) {
    writes.putNode(node.toBuilder().setRegisteredAtMillis(now.toEpochMilli()).build());
    return Reply.newBuilder().setCount(1).build();
  }

  /** A write to a session's data is an access of the session. */
  private void accessSession(String sessionId, Instant now, RecordWrites writes) {
    SessionRecord session = requireSession(sessionId);
    if (session.getLastAccessedMillis() < now.toEpochMilli()) {
      writes.putSession(RecordCodec.touched(session, now));
    }
  }

  private SessionRecord requireSession(String sessionId) {
    return records.session(sessionId).orElseThrow(() -> RequestChecks.sessionNotFound(sessionId));
  }

  private static SessionOptions options(Map<String, String> metadata, long ttlMillis) {
    return new SessionOptions(metadata, Duration.ofMillis(ttlMillis));
  }

  private static Reply sessionReply(SessionRecord record) {
    return Reply.newBuilder().setSession(record).build();
  }
}
