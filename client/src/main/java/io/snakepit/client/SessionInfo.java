package io.snakepit.client;

import io.snakepit.api.v1.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A session as the store holds it.
 *
 * @param ttl idle time after which the session expires; {@link Duration#ZERO} means never
 * @param lastAccessedAt refreshed by reads and writes, with the coarse precision the node documents
 * @param version increases with every change of the session record
 */
public record SessionInfo(
    String id,
    Map<String, String> metadata,
    Duration ttl,
    Instant createdAt,
    Instant lastAccessedAt,
    long version) {

  public SessionInfo {
    metadata = Map.copyOf(metadata);
  }

  static SessionInfo from(Session session) {
    return new SessionInfo(
        session.getId(),
        session.getMetadataMap(),
        ProtoTime.toDuration(session.getTtl()),
        ProtoTime.toInstant(session.getCreatedAt()),
        ProtoTime.toInstant(session.getLastAccessedAt()),
        session.getVersion());
  }
}
