package io.snakepit.store.embedded;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access times noted in memory and written in batches, so that a read does not cost a write. An
 * entry stays visible until it is written, so readers never see an access time go back.
 */
final class TouchBuffer {

  private final ConcurrentHashMap<String, Instant> pending = new ConcurrentHashMap<>();

  void touch(String sessionId, Instant at) {
    pending.merge(sessionId, at, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
  }

  Optional<Instant> pendingFor(String sessionId) {
    return Optional.ofNullable(pending.get(sessionId));
  }

  /** The touches to write now; hand them to {@link #written} once they are stored. */
  Map<String, Instant> toWrite() {
    return Map.copyOf(pending);
  }

  /** Drops the written touches, except those of sessions touched again since. */
  void written(Map<String, Instant> touches) {
    touches.forEach(pending::remove);
  }

  /** Drops the touch of a deleted session. */
  void forget(String sessionId) {
    pending.remove(sessionId);
  }

  int size() {
    return pending.size();
  }
}
