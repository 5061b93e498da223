package io.snakepit.store.embedded;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.Value;
import io.snakepit.store.Identifiers;
import io.snakepit.store.Program;
import io.snakepit.store.RequestId;
import io.snakepit.store.Session;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionPage;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.StoreLimits;
import io.snakepit.store.StoreStatus;
import io.snakepit.store.Variable;
import io.snakepit.store.common.ImportChecks;
import io.snakepit.store.common.Pages;
import io.snakepit.store.common.Replies;
import io.snakepit.store.common.RequestChecks;
import io.snakepit.store.common.TouchBuffer;
import io.snakepit.store.common.TouchFlusher;
import io.snakepit.store.common.UpdateAttempts;
import io.snakepit.store.rocks.RecordCodec;
import io.snakepit.store.rocks.RecordImport;
import io.snakepit.store.rocks.RecordWrites;
import io.snakepit.store.rocks.RequestRecords;
import io.snakepit.store.rocks.RocksStorage;
import io.snakepit.store.rocks.SessionRecords;
import io.snakepit.store.rocks.StoreFormat;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.DeleteSession;
import io.snakepit.store.v1.DeleteVariable;
import io.snakepit.store.v1.ImportCounts;
import io.snakepit.store.v1.NodeRecord;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.PutProgram;
import io.snakepit.store.v1.PutVariable;
import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.StoredRecord;
import io.snakepit.store.v1.VariableRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The session store of a single node: RocksDB in a local directory, every acknowledged write synced
 * to disk. Open it with {@link #open}, close it with {@link #close}; one store per directory.
 *
 * <p>Each operation's read-check-write (including compare-and-set) runs under a lock of its
 * session; plain reads take no lock.
 *
 * <p>Access times are precise in memory and coarse on disk: a read notes its time in memory, and
 * every {@code touchFlushInterval} the pending times are written in one batch ({@link #close}
 * writes the rest). Returned sessions and expiry always include the pending times, so a running
 * store never expires a session that was just read. A crash loses at most one interval of access
 * times: after a crash, a session may expire up to one interval earlier than its last read allowed.
 */
public final class EmbeddedSessionStore implements SessionStore {

  private static final int LOCK_STRIPES = 64;

  /** The one member's name in {@link #status}. */
  private static final String SELF = "embedded";

  private final RocksStorage storage;
  private final SessionRecords records;
  private final RequestRecords requests;
  private final Clock clock;
  private final StoreLimits limits;
  private final StripedLocks locks = new StripedLocks(LOCK_STRIPES);
  private final TouchBuffer touches = new TouchBuffer();
  private final TouchFlusher touchFlusher;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedSessionStore(RocksStorage storage, EmbeddedStoreConfig config) {
    this.storage = storage;
    this.records = new SessionRecords(storage);
    this.requests = new RequestRecords(records);
    this.clock = config.clock();
    this.limits = config.limits();
    this.touchFlusher = new TouchFlusher(touches, this::writeTouches);
  }

  /**
   * Opens the store in {@code config.dataDir()}, creating it when missing.
   *
   * @throws StoreException.Internal when the directory cannot be opened (another process holds it,
   *     or its data has a newer format than this build reads)
   */
  public static EmbeddedSessionStore open(EmbeddedStoreConfig config) {
    // No replicated log to recover from: a write is acknowledged once fsynced in RocksDB's WAL.
    RocksStorage storage = RocksStorage.open(config.dataDir(), RocksStorage.WriteDurability.SYNCED);
    try {
      StoreFormat.checkOrInitialize(storage);
    } catch (RuntimeException e) {
      storage.close();
      throw e;
    }
    EmbeddedSessionStore store = new EmbeddedSessionStore(storage, config);
    store.touchFlusher.start(config.touchFlushInterval());
    return store;
  }

  @Override
  public Session create(String sessionId, SessionOptions options, Optional<RequestId> requestId) {
    Identifiers.checkSessionId(sessionId);
    limits.checkMetadata(options.metadata());
    Supplier<Command.Builder> request =
        () ->
            Command.newBuilder()
                .setCreateSession(
                    CreateSession.newBuilder()
                        .setSessionId(sessionId)
                        .putAllMetadata(options.metadata())
                        .setTtlMillis(options.ttl().toMillis()));
    Reply reply =
        decideOnce(
            sessionId,
            requestId,
            request,
            writes -> {
              Optional<SessionRecord> existing = records.session(sessionId);
              if (existing.isPresent()) {
                return sessionReply(existing.get());
              }
              SessionRecord created = RecordCodec.newSession(sessionId, options, now());
              writes.putSession(created);
              return sessionReply(created);
            });
    return toSession(reply.getSession());
  }

  @Override
  public Session get(String sessionId) {
    return toSession(accessSession(Identifiers.checkSessionId(sessionId)));
  }

  @Override
  public boolean exists(String sessionId) {
    return records.sessionExists(Identifiers.checkSessionId(sessionId));
  }

  @Override
  public Session update(String sessionId, UnaryOperator<SessionOptions> change) {
    Identifiers.checkSessionId(sessionId);
    return UpdateAttempts.update(
        sessionId, change, limits, this::requireSession, this::compareAndSetOptions);
  }

  /** Writes {@code changed} unless the session changed since {@code read}. */
  private Optional<Session> compareAndSetOptions(SessionRecord read, SessionOptions changed) {
    try (StripedLocks.Held held = locks.lock(read.getId())) {
      SessionRecord current = requireSession(read.getId());
      if (!RecordCodec.sameContent(current, read)) {
        return Optional.empty();
      }
      SessionRecord next = RecordCodec.withOptions(current, changed, now());
      records.putSession(next);
      return Optional.of(toSession(next));
    }
  }

  @Override
  public boolean delete(String sessionId, Optional<RequestId> requestId) {
    Identifiers.checkSessionId(sessionId);
    Supplier<Command.Builder> request =
        () ->
            Command.newBuilder()
                .setDeleteSession(DeleteSession.newBuilder().setSessionId(sessionId));
    Reply reply =
        decideOnce(
            sessionId,
            requestId,
            request,
            writes -> {
              boolean found = records.sessionExists(sessionId);
              if (found) {
                writes.deleteSession(sessionId);
                touches.forget(sessionId);
              }
              return Reply.newBuilder().setFound(found).build();
            });
    return reply.getFound();
  }

  @Override
  public SessionPage list(String cursor, int limit) {
    RequestChecks.checkPage(cursor, limit);
    List<Session> found = new ArrayList<>(limit + 1);
    records.scanSessions(
        cursor,
        record -> {
          found.add(toSession(record));
          return found.size() <= limit;
        });
    return Pages.of(found, limit);
  }

  @Override
  public RecordPage exportRecords(String cursor) {
    return records.exportPage(cursor, EXPORT_PAGE_BYTES);
  }

  @Override
  public ImportCounts importRecords(List<StoredRecord> batch) {
    ImportChecks.check(batch, limits);
    Set<String> sessionIds =
        batch.stream().map(RecordImport::sessionIdOf).collect(Collectors.toSet());
    try (StripedLocks.Held held = locks.lockAll(sessionIds)) {
      RecordWrites writes = new RecordWrites();
      ImportCounts counts = new RecordImport(records).decide(batch, now(), writes);
      records.write(writes);
      return counts;
    }
  }

  @Override
  public void registerNode(String nodeId, String apiAddress) {
    RequestChecks.checkNode(nodeId, apiAddress);
    records.putNode(
        NodeRecord.newBuilder()
            .setId(nodeId)
            .setApiAddress(apiAddress)
            .setRegisteredAtMillis(now().toEpochMilli())
            .build());
  }

  @Override
  public List<NodeRecord> nodes() {
    return records.nodes();
  }

  /** One member, always its own leader: there is nothing to replicate. */
  @Override
  public StoreStatus status() {
    StoreStatus.Member self =
        new StoreStatus.Member(
            SELF,
            storage.dir().toString(),
            StoreStatus.Role.LEADER,
            true,
            OptionalLong.empty(),
            Optional.empty());
    return new StoreStatus("embedded", SELF, Optional.of(SELF), 0, 0, 0, 0, List.of(self));
  }

  @Override
  public Variable getVariable(String sessionId, String name) {
    RequestChecks.checkVariableName(sessionId, name);
    accessSession(sessionId);
    VariableRecord record =
        records
            .variable(sessionId, name)
            .orElseThrow(() -> RequestChecks.notFound("variable", name, sessionId));
    return RecordCodec.variable(sessionId, name, record);
  }

  @Override
  public Variable putVariable(
      String sessionId,
      String name,
      Value value,
      OptionalLong expectedVersion,
      Optional<RequestId> requestId) {
    RequestChecks.checkVariableName(sessionId, name);
    RequestChecks.checkPutExpectedVersion(expectedVersion);
    limits.checkValue(value);
    Supplier<Command.Builder> request =
        () -> {
          PutVariable.Builder put =
              PutVariable.newBuilder().setSessionId(sessionId).setName(name).setValue(value);
          expectedVersion.ifPresent(put::setExpectedVersion);
          return Command.newBuilder().setPutVariable(put);
        };
    Reply reply =
        decideOnce(
            sessionId,
            requestId,
            request,
            writes -> {
              accessSession(sessionId);
              long current = variableVersion(sessionId, name);
              RequestChecks.checkExpectedVersion(expectedVersion, current, name, sessionId);
              VariableRecord next = RecordCodec.variableRecord(value, current + 1, now());
              writes.putVariable(sessionId, name, next);
              return Reply.newBuilder().setVariable(next).build();
            });
    return RecordCodec.variable(sessionId, name, reply.getVariable());
  }

  @Override
  public boolean deleteVariable(
      String sessionId, String name, OptionalLong expectedVersion, Optional<RequestId> requestId) {
    RequestChecks.checkVariableName(sessionId, name);
    RequestChecks.checkDeleteExpectedVersion(expectedVersion);
    Supplier<Command.Builder> request =
        () -> {
          DeleteVariable.Builder delete =
              DeleteVariable.newBuilder().setSessionId(sessionId).setName(name);
          expectedVersion.ifPresent(delete::setExpectedVersion);
          return Command.newBuilder().setDeleteVariable(delete);
        };
    Reply reply =
        decideOnce(
            sessionId,
            requestId,
            request,
            writes -> {
              accessSession(sessionId);
              long current = variableVersion(sessionId, name);
              RequestChecks.checkExpectedVersion(expectedVersion, current, name, sessionId);
              if (current > 0) {
                writes.deleteVariable(sessionId, name);
              }
              return Reply.newBuilder().setFound(current > 0).build();
            });
    return reply.getFound();
  }

  @Override
  public Program putProgram(
      String sessionId,
      String programId,
      ByteString data,
      Map<String, String> metadata,
      Optional<RequestId> requestId) {
    RequestChecks.checkProgramId(sessionId, programId);
    limits.checkProgram(data, metadata);
    Supplier<Command.Builder> request =
        () ->
            Command.newBuilder()
                .setPutProgram(
                    PutProgram.newBuilder()
                        .setSessionId(sessionId)
                        .setProgramId(programId)
                        .setData(data)
                        .putAllMetadata(metadata));
    Reply reply =
        decideOnce(
            sessionId,
            requestId,
            request,
            writes -> {
              accessSession(sessionId);
              long current =
                  records.program(sessionId, programId).map(ProgramRecord::getVersion).orElse(0L);
              ProgramRecord next = RecordCodec.programRecord(data, metadata, current + 1, now());
              writes.putProgram(sessionId, programId, next);
              return Reply.newBuilder().setProgram(next).build();
            });
    return RecordCodec.program(sessionId, programId, reply.getProgram());
  }

  /**
   * Decides a write of one session under its lock (and its request id's) and writes its changes in
   * one batch. With a request id: a repeat within the window is answered from its record, and a new
   * request's reply, failure included, is recorded in the batch of its changes. The request, in the
   * Raft store's command form, is built only when there is an id: it is what a repeat is compared
   * by.
   *
   * @param decision adds the changes to the writes and returns the reply, or throws the decided
   *     failure
   */
  private Reply decideOnce(
      String sessionId,
      Optional<RequestId> requestId,
      Supplier<Command.Builder> request,
      Function<RecordWrites, Reply> decision) {
    if (requestId.isEmpty()) {
      try (StripedLocks.Held held = locks.lock(sessionId)) {
        RecordWrites writes = new RecordWrites();
        Reply reply = decision.apply(writes);
        records.write(writes);
        return reply;
      }
    }
    String id = requestId.get().value();
    try (StripedLocks.Held held = locks.lockAll(List.of(sessionId, requestLockKey(id)))) {
      Command command = request.get().setNowMillis(now().toEpochMilli()).setRequestId(id).build();
      Optional<Reply> answered = requests.answered(command);
      if (answered.isPresent()) {
        return Replies.orThrow(answered.get());
      }
      RecordWrites writes = new RecordWrites();
      Reply reply;
      try {
        reply = decision.apply(writes);
      } catch (StoreException.NotFound
          | StoreException.Conflict
          | StoreException.InvalidArgument decided) {
        writes = new RecordWrites();
        reply = Replies.failure(decided);
      }
      requests.record(command, reply, writes);
      records.write(writes);
      return Replies.orThrow(reply);
    }
  }

  /** A request id's lock key, apart from every session id (which cannot hold a slash). */
  private static String requestLockKey(String requestId) {
    return "request/" + requestId;
  }

  private static Reply sessionReply(SessionRecord record) {
    return Reply.newBuilder().setSession(record).build();
  }

  @Override
  public Program getProgram(String sessionId, String programId) {
    RequestChecks.checkProgramId(sessionId, programId);
    accessSession(sessionId);
    ProgramRecord record =
        records
            .program(sessionId, programId)
            .orElseThrow(() -> RequestChecks.notFound("program", programId, sessionId));
    return RecordCodec.program(sessionId, programId, record);
  }

  @Override
  public int expireIdleSessions() {
    Instant now = now();
    forgetRequestsOutOfWindow(now);
    List<String> candidates = new ArrayList<>();
    records.scanSessions(
        "",
        record -> {
          if (toSession(record).isExpiredAt(now)) {
            candidates.add(record.getId());
          }
          return true;
        });
    if (candidates.isEmpty()) {
      return 0;
    }
    try (StripedLocks.Held held = locks.lockAll(candidates)) {
      // Decide again under the locks: a candidate may have been touched or deleted since the scan.
      List<String> expired = candidates.stream().filter(id -> isExpired(id, now)).toList();
      records.deleteSessions(expired);
      expired.forEach(touches::forget);
      return expired.size();
    }
  }

  /** Under the ids' locks, so that a request repeated or reused meanwhile keeps its new record. */
  private void forgetRequestsOutOfWindow(Instant now) {
    long nowMillis = now.toEpochMilli();
    List<RequestRecords.Indexed> candidates = requests.outOfWindow(nowMillis);
    if (candidates.isEmpty()) {
      return;
    }
    List<String> lockKeys =
        candidates.stream()
            .map(RequestRecords.Indexed::requestId)
            .map(EmbeddedSessionStore::requestLockKey)
            .toList();
    try (StripedLocks.Held held = locks.lockAll(lockKeys)) {
      RecordWrites writes = new RecordWrites();
      candidates.forEach(entry -> requests.forget(entry, nowMillis, writes));
      records.write(writes);
    }
  }

  private boolean isExpired(String sessionId, Instant now) {
    return records
        .session(sessionId)
        .map(this::toSession)
        .filter(s -> s.isExpiredAt(now))
        .isPresent();
  }

  /**
   * Writes every access time that is later than the stored one. Under the sessions' locks, so that
   * a concurrent write of a session record neither loses the touch nor is overwritten by it.
   */
  private void writeTouches(Map<String, Instant> toWrite) {
    try (StripedLocks.Held held = locks.lockAll(toWrite.keySet())) {
      List<SessionRecord> touched =
          toWrite.entrySet().stream()
              .flatMap(touch -> touchedRecord(touch.getKey(), touch.getValue()).stream())
              .toList();
      records.putSessions(touched);
    }
  }

  /**
   * Empty when the session is gone (deleted after the touch) or already stored as accessed later.
   */
  private Optional<SessionRecord> touchedRecord(String sessionId, Instant at) {
    return records
        .session(sessionId)
        .filter(record -> record.getLastAccessedMillis() < at.toEpochMilli())
        .map(record -> RecordCodec.touched(record, at));
  }

  /** Writes the pending access times now rather than at the next interval. */
  void flushTouches() {
    touchFlusher.flush();
  }

  /** How many sessions have an access time not yet written. */
  int pendingTouchCount() {
    return touches.size();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        touchFlusher.close();
      } finally {
        storage.close();
      }
    }
  }

  /** The session, marked accessed now. */
  private SessionRecord accessSession(String sessionId) {
    SessionRecord record = requireSession(sessionId);
    touches.touch(sessionId, now());
    return record;
  }

  private SessionRecord requireSession(String sessionId) {
    return records.session(sessionId).orElseThrow(() -> RequestChecks.sessionNotFound(sessionId));
  }

  /** 0 for a missing variable: what a create-only write expects. */
  private long variableVersion(String sessionId, String name) {
    return records.variable(sessionId, name).map(VariableRecord::getVersion).orElse(0L);
  }

  /** The session as callers see it: with its access time not yet written. */
  private Session toSession(SessionRecord record) {
    return touches.view(record);
  }

  /** Stored times have millisecond precision; so do the times a call returns. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
