package io.snakepit.store;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Map;

/** A program stored under a session: opaque bytes with metadata. */
public record Program(
    String sessionId,
    String programId,
    ByteString data,
    Map<String, String> metadata,
    long version,
    Instant updatedAt) {

  public Program {
    metadata = Map.copyOf(metadata);
  }
}
