package io.snakepit.store.rocks;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.snakepit.api.v1.Value;
import io.snakepit.store.Program;
import io.snakepit.store.Session;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.StoreException;
import io.snakepit.store.Variable;
import io.snakepit.store.v1.ProgramRecord;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.VariableRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Turns the persisted records into the store's value types and back; times are epoch millis. */
public final class RecordCodec {

  private RecordCodec() {}

  public static SessionRecord newSession(String sessionId, SessionOptions options, Instant now) {
    return SessionRecord.newBuilder()
        .setId(sessionId)
        .putAllMetadata(options.metadata())
        .setTtlMillis(options.ttl().toMillis())
        .setCreatedAtMillis(now.toEpochMilli())
        .setLastAccessedMillis(now.toEpochMilli())
        .setVersion(1)
        .build();
  }

  /** The next version of the record, with new options; a write is also an access. */
  public static SessionRecord withOptions(
      SessionRecord record, SessionOptions options, Instant now) {
    return record.toBuilder()
        .clearMetadata()
        .putAllMetadata(options.metadata())
        .setTtlMillis(options.ttl().toMillis())
        .setLastAccessedMillis(Math.max(record.getLastAccessedMillis(), now.toEpochMilli()))
        .setVersion(record.getVersion() + 1)
        .build();
  }

  /** The same version of the record, accessed at {@code at} if that is later. */
  public static SessionRecord touched(SessionRecord record, Instant at) {
    return record.toBuilder()
        .setLastAccessedMillis(Math.max(record.getLastAccessedMillis(), at.toEpochMilli()))
        .build();
  }

  /**
   * True when both are the same version of the same session: a session deleted and created again
   * restarts at version 1, so the version alone cannot tell.
   */
  public static boolean sameContent(SessionRecord a, SessionRecord b) {
    return withoutAccessTime(a).equals(withoutAccessTime(b));
  }

  private static SessionRecord withoutAccessTime(SessionRecord record) {
    return record.toBuilder().clearLastAccessedMillis().build();
  }

  public static Session session(SessionRecord record) {
    return new Session(
        record.getId(),
        record.getMetadataMap(),
        Duration.ofMillis(record.getTtlMillis()),
        Instant.ofEpochMilli(record.getCreatedAtMillis()),
        Instant.ofEpochMilli(record.getLastAccessedMillis()),
        record.getVersion());
  }

  public static VariableRecord variableRecord(Value value, long version, Instant now) {
    return VariableRecord.newBuilder()
        .setValue(value)
        .setVersion(version)
        .setUpdatedAtMillis(now.toEpochMilli())
        .build();
  }

  public static Variable variable(String sessionId, String name, VariableRecord record) {
    return new Variable(sessionId, name, record.getValue(), record.getVersion());
  }

  public static ProgramRecord programRecord(
      ByteString data, Map<String, String> metadata, long version, Instant now) {
    return ProgramRecord.newBuilder()
        .setData(data)
        .putAllMetadata(metadata)
        .setVersion(version)
        .setUpdatedAtMillis(now.toEpochMilli())
        .build();
  }

  public static Program program(String sessionId, String programId, ProgramRecord record) {
    return new Program(
        sessionId,
        programId,
        record.getData(),
        record.getMetadataMap(),
        record.getVersion(),
        Instant.ofEpochMilli(record.getUpdatedAtMillis()));
  }

  /** Parses a stored record; one that does not parse means a corrupt store, not a bad request. */
  public static <T> T parse(Parser<T> parser, byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new StoreException.Internal("corrupt record in the session store", e);
    }
  }
}
