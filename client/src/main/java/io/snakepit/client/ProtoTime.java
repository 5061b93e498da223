package io.snakepit.client;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** java.time ↔ protobuf's well-known time types (protobuf-java-util is not a dependency). */
final class ProtoTime {

  private ProtoTime() {}

  static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static Duration toDuration(com.google.protobuf.Duration duration) {
    return Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
  }

  static com.google.protobuf.Duration toProto(Duration duration) {
    return com.google.protobuf.Duration.newBuilder()
        .setSeconds(duration.getSeconds())
        .setNanos(duration.getNano())
        .build();
  }
}
