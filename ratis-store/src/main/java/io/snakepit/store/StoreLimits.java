package io.snakepit.store;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.Value;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How much a store accepts in one record; anything larger is a {@link
 * StoreException.InvalidArgument}. Every implementation enforces the same limits so that a client
 * sees the same answer from a single node and from a cluster.
 *
 * @param maxMetadataBytes UTF-8 bytes of all keys and values of a session's or program's metadata
 * @param maxValueBytes serialized size of one variable's value
 * @param maxProgramBytes size of one program's data
 */
public record StoreLimits(long maxMetadataBytes, long maxValueBytes, long maxProgramBytes) {

  /**
   * Sized so that any accepted record fits in one gRPC message at grpc-java's default 4 MiB limit,
   * and so that a Raft log entry carrying it stays small.
   */
  public static final StoreLimits DEFAULT =
      new StoreLimits(64 * 1024, 1024 * 1024, 2 * 1024 * 1024);

  public StoreLimits {
    if (maxMetadataBytes <= 0 || maxValueBytes <= 0 || maxProgramBytes <= 0) {
      throw new IllegalArgumentException("store limits must be positive: " + this);
    }
  }

  public void checkMetadata(Map<String, String> metadata) {
    long size = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      size += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
    }
    check("metadata", size, maxMetadataBytes);
  }

  public void checkValue(Value value) {
    check("variable value", value.getSerializedSize(), maxValueBytes);
  }

  public void checkProgram(ByteString data, Map<String, String> metadata) {
    check("program data", data.size(), maxProgramBytes);
    checkMetadata(metadata);
  }

  private static long utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void check(String what, long size, long limit) {
    if (size > limit) {
      throw new StoreException.InvalidArgument(
          what + " is " + size + " bytes, over the limit of " + limit + " bytes");
    }
  }
}
