package io.snakepit.store;

import java.time.Duration;
import java.util.Map;

/**
 * What a caller chooses about a session.
 *
 * @param metadata free-form string pairs
 * @param ttl idle time after which the session expires; {@link Duration#ZERO} for never
 */
public record SessionOptions(Map<String, String> metadata, Duration ttl) {

  public SessionOptions {
    metadata = Map.copyOf(metadata);
    if (ttl.isNegative()) {
      throw new StoreException.InvalidArgument("ttl must not be negative: " + ttl);
    }
  }

  public static SessionOptions withTtl(Duration ttl) {
    return new SessionOptions(Map.of(), ttl);
  }

  public SessionOptions withMetadata(Map<String, String> newMetadata) {
    return new SessionOptions(newMetadata, ttl);
  }
}
