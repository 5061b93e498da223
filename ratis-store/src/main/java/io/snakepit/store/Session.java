package io.snakepit.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A session as stored.
 *
 * @param version starts at 1 and increases with every change of the record (not with touches)
 */
public record Session(
    String id,
    Map<String, String> metadata,
    Duration ttl,
    Instant createdAt,
    Instant lastAccessedAt,
    long version) {

  public Session {
    metadata = Map.copyOf(metadata);
  }

  public SessionOptions options() {
    return new SessionOptions(metadata, ttl);
  }

  /** True when the session has a TTL and has been idle past it at {@code now}. */
  public boolean isExpiredAt(Instant now) {
    return !ttl.isZero() && lastAccessedAt.plus(ttl).isBefore(now);
  }
}
