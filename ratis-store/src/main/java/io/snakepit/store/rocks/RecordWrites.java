package io.snakepit.store.rocks;

import io.snakepit.store.v1.LogPosition;
import io.snakepit.store.v1.NodeRecord;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.RequestRecord;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.VariableRecord;

/** Changes of session records to write in one batch, by record rather than by key. */
public final class RecordWrites {

  private final WriteSet writes = new WriteSet();

  public RecordWrites putSession(SessionRecord record) {
    writes.put(KeyLayout.session(record.getId()), record.toByteArray());
    return this;
  }

  public RecordWrites putVariable(String sessionId, String name, VariableRecord record) {
    writes.put(KeyLayout.variable(sessionId, name), record.toByteArray());
    return this;
  }

  public RecordWrites deleteVariable(String sessionId, String name) {
    writes.delete(KeyLayout.variable(sessionId, name));
    return this;
  }

  public RecordWrites putProgram(String sessionId, String programId, ProgramRecord record) {
    writes.put(KeyLayout.program(sessionId, programId), record.toByteArray());
    return this;
  }

  /** Deletes the session with its variables and programs: three deletes however much it holds. */
  public RecordWrites deleteSession(String sessionId) {
    writes
        .delete(KeyLayout.session(sessionId))
        .deleteRange(KeyLayout.variablesOf(sessionId))
        .deleteRange(KeyLayout.programsOf(sessionId));
    return this;
  }

  public RecordWrites putNode(NodeRecord record) {
    writes.put(KeyLayout.node(record.getId()), record.toByteArray());
    return this;
  }

  /** The record with its index key: the time it was applied at. */
  public RecordWrites putRequest(String requestId, RequestRecord record) {
    writes
        .put(KeyLayout.request(requestId), record.toByteArray())
        .put(KeyLayout.requestByTime(record.getAppliedAtMillis(), requestId), new byte[0]);
    return this;
  }

  public RecordWrites deleteRequest(String requestId) {
    writes.delete(KeyLayout.request(requestId));
    return this;
  }

  public RecordWrites deleteRequestIndexKey(byte[] indexKey) {
    writes.delete(indexKey);
    return this;
  }

  /** Records the log entry these changes come from, so that a restart knows what is applied. */
  public RecordWrites putAppliedPosition(LogPosition position) {
    writes.put(KeyLayout.APPLIED_POSITION, position.toByteArray());
    return this;
  }

  /** Adds the changes of a later command after these, to write both in one batch. */
  public RecordWrites addAll(RecordWrites later) {
    writes.addAll(later.writes);
    return this;
  }

  public boolean isEmpty() {
    return writes.isEmpty();
  }

  /** Whether these changes delete whole ranges of keys (a session's variables and programs). */
  public boolean deletesRanges() {
    return writes.deletesRanges();
  }

  WriteSet writeSet() {
    return writes;
  }
}
