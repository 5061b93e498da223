package io.snakepit.client;

import io.snakepit.api.v1.Program;
import java.time.Instant;
import java.util.Map;

/**
 * A program stored in a session.
 *
 * @param data opaque to Snakepit; the array is the caller's to keep (records compare arrays by
 *     identity, so compare {@code data} with {@link java.util.Arrays#equals(byte[], byte[])})
 */
public record ProgramInfo(
    String sessionId,
    String programId,
    byte[] data,
    Map<String, String> metadata,
    long version,
    Instant updatedAt) {

  public ProgramInfo {
    metadata = Map.copyOf(metadata);
  }

  static ProgramInfo from(Program program) {
    return new ProgramInfo(
        program.getSessionId(),
        program.getProgramId(),
        program.getData().toByteArray(),
        program.getMetadataMap(),
        program.getVersion(),
        ProtoTime.toInstant(program.getUpdatedAt()));
  }
}
