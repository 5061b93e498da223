package io.snakepit.store.rocks;

import com.google.protobuf.Parser;
import io.snakepit.store.v1.LogPosition;
import io.snakepit.store.v1.NodeRecord;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.RequestRecord;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.VariableRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The persisted records of sessions, by id: which key holds each and how it is encoded. Callers
 * decide what to write and hold the locks; each write here is one atomic batch.
 */
public final class SessionRecords {

  private final RocksStorage storage;

  /** Changes not yet written that point reads see first; empty but for a view of pending writes. */
  private final WriteSet pending;

  public SessionRecords(RocksStorage storage) {
    this(storage, new WriteSet());
  }

  private SessionRecords(RocksStorage storage, WriteSet pending) {
    this.storage = storage;
    this.pending = pending;
  }

  /**
   * These records as they will be once {@code pending} is written, for deciding commands one after
   * another and writing their changes together: point reads see the changes gathered so far, also
   * those added to {@code pending} after this call. Scans and writes refuse to run while anything
   * is pending, since they would not see it.
   *
   * @throws IllegalArgumentException when {@code pending} deletes ranges, which point reads would
   *     not see
   */
  public SessionRecords readingThrough(RecordWrites pending) {
    if (pending.deletesRanges()) {
      throw new IllegalArgumentException("point reads cannot see pending range deletes");
    }
    return new SessionRecords(storage, pending.writeSet());
  }

  public Optional<SessionRecord> session(String sessionId) {
    return find(KeyLayout.session(sessionId), SessionRecord.parser());
  }

  public boolean sessionExists(String sessionId) {
    byte[] key = KeyLayout.session(sessionId);
    return pending.changes(key) ? pending.valueAt(key) != null : storage.exists(key);
  }

  public Optional<VariableRecord> variable(String sessionId, String name) {
    return find(KeyLayout.variable(sessionId, name), VariableRecord.parser());
  }

  public Optional<ProgramRecord> program(String sessionId, String programId) {
    return find(KeyLayout.program(sessionId, programId), ProgramRecord.parser());
  }

  public Optional<RequestRecord> request(String requestId) {
    return find(KeyLayout.request(requestId), RequestRecord.parser());
  }

  /**
   * Visits the index keys of the requests applied before {@code millis} with their ids, oldest
   * first, while {@code visitor} returns true.
   */
  public void scanRequestsAppliedBefore(long millis, BiPredicate<byte[], String> visitor) {
    requireNothingPending();
    storage.scanEntries(
        KeyLayout.requestsAppliedBefore(millis),
        (key, value) -> visitor.test(key, KeyLayout.requestIdOfTimeKey(key)));
  }

  /** The last log entry written by {@link RecordWrites#putAppliedPosition}, if any. */
  public Optional<LogPosition> appliedPosition() {
    return find(KeyLayout.APPLIED_POSITION, LogPosition.parser());
  }

  /**
   * Visits the sessions whose id sorts after {@code cursor} (all for an empty cursor), in id order
   * and from one snapshot, while {@code visitor} returns true.
   */
  public void scanSessions(String cursor, Predicate<SessionRecord> visitor) {
    requireNothingPending();
    storage.scan(
        KeyLayout.sessionsAfter(cursor),
        value -> visitor.test(RecordCodec.parse(SessionRecord.parser(), value)));
  }

  /**
   * Every record after {@code cursor} in export order (sessions, variables, programs), until their
   * serialized size reaches {@code maxBytes}.
   *
   * @throws io.snakepit.store.StoreException.InvalidArgument when the cursor is no record's key
   */
  public RecordPage exportPage(String cursor, long maxBytes) {
    requireNothingPending();
    return new RecordExport(storage).page(cursor, maxBytes);
  }

  /** Every registered node, in id order. */
  public List<NodeRecord> nodes() {
    requireNothingPending();
    List<NodeRecord> nodes = new ArrayList<>();
    storage.scan(
        KeyLayout.allNodes(), value -> nodes.add(RecordCodec.parse(NodeRecord.parser(), value)));
    return nodes;
  }

  public void putNode(NodeRecord record) {
    write(new RecordWrites().putNode(record));
  }

  public void putSession(SessionRecord record) {
    putSessions(List.of(record));
  }

  public void putSessions(Collection<SessionRecord> records) {
    RecordWrites writes = new RecordWrites();
    records.forEach(writes::putSession);
    write(writes);
  }

  public void putVariable(String sessionId, String name, VariableRecord record) {
    write(new RecordWrites().putVariable(sessionId, name, record));
  }

  public void deleteVariable(String sessionId, String name) {
    write(new RecordWrites().deleteVariable(sessionId, name));
  }

  public void putProgram(String sessionId, String programId, ProgramRecord record) {
    write(new RecordWrites().putProgram(sessionId, programId, record));
  }

  /** Deletes the sessions with their variables and programs. */
  public void deleteSessions(Collection<String> sessionIds) {
    RecordWrites writes = new RecordWrites();
    sessionIds.forEach(writes::deleteSession);
    write(writes);
  }

  /** Writes every change or none. */
  public void write(RecordWrites writes) {
    requireNothingPending();
    if (!writes.isEmpty()) {
      storage.write(writes.writeSet());
    }
  }

  private <T> Optional<T> find(byte[] key, Parser<T> parser) {
    byte[] stored = pending.changes(key) ? pending.valueAt(key) : storage.get(key);
    return Optional.ofNullable(stored).map(bytes -> RecordCodec.parse(parser, bytes));
  }

  private void requireNothingPending() {
    if (!pending.isEmpty()) {
      throw new IllegalStateException("a scan or write would not see the pending changes");
    }
  }
}
