package io.snakepit.store.common;

import io.snakepit.store.Session;
import io.snakepit.store.rocks.RecordCodec;
import io.snakepit.store.v1.SessionRecord;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access times noted in memory and written in batches, so that a read does not cost a write. An
 * entry stays visible until it is written, so readers never see an access time go back.
 */
public final class TouchBuffer {

  private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();

  public void touch(String sessionId, Instant at) {
    pending.merge(sessionId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
  }

  public Optional<Instant> pendingFor(String sessionId) {
    return Optional.ofNullable(pending.get(sessionId));
  }

  /** The session as callers see it: with its access time not yet written. */
  public Session view(SessionRecord record) {
    return RecordCodec.session(
        pendingFor(record.getId()).map(at -> RecordCodec.touched(record, at)).orElse(record));
  }

  /** The touches to write now; hand them to {@link #written} once they are stored. */
  public Map<String, Instant> toWrite() {
    return Map.copyOf(pending);
  }

  /** Drops the written touches, except those of sessions touched again since. */
  public void written(Map<String, Instant> touches) {
    touches.forEach(pending::remove);
  }

  /** Drops the touch of a deleted session. */
  public void forget(String sessionId) {
    pending.remove(sessionId);
  }

  public int size() {
    return pending.size();
  }
}
