package io.snakepit.node;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.Value;

/** Builds API requests in tests without the SDK (which has its own end-to-end tests). */
final class Args {

  private Args() {}

  static Value integer(long value) {
    return Value.newBuilder().setIntValue(value).build();
  }

  static Value text(String value) {
    return Value.newBuilder().setStringValue(value).build();
  }

  static Value decimal(double value) {
    return Value.newBuilder().setDoubleValue(value).build();
  }

  static Value bool(boolean value) {
    return Value.newBuilder().setBoolValue(value).build();
  }

  static Value bytes(byte[] value) {
    return Value.newBuilder().setBytesValue(ByteString.copyFrom(value)).build();
  }

  /** A map value; {@code entries} alternates keys and values. */
  static Value map(Object... entries) {
    return Value.newBuilder().setMapValue(mapValue(entries)).build();
  }

  /** The value of a map value's key. */
  static Value field(Value map, String key) {
    return map.getMapValue().getEntriesList().stream()
        .filter(entry -> entry.getKey().equals(key))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no key '" + key + "' in " + map))
        .getValue();
  }

  /** An execute request; {@code args} alternates names and values. */
  static ExecuteRequest call(String tool, Object... args) {
    return ExecuteRequest.newBuilder().setTool(tool).setArgs(mapValue(args)).build();
  }

  private static MapValue mapValue(Object... entries) {
    MapValue.Builder map = MapValue.newBuilder();
    for (int i = 0; i < entries.length; i += 2) {
      map.addEntries(
          MapEntry.newBuilder().setKey((String) entries[i]).setValue((Value) entries[i + 1]));
    }
    return map.build();
  }
}
