package io.snakepit.node;

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

  /** An execute request; {@code args} alternates names and values. */
  static ExecuteRequest call(String tool, Object... args) {
    MapValue.Builder map = MapValue.newBuilder();
    for (int i = 0; i < args.length; i += 2) {
      map.addEntries(MapEntry.newBuilder().setKey((String) args[i]).setValue((Value) args[i + 1]));
    }
    return ExecuteRequest.newBuilder().setTool(tool).setArgs(map).build();
  }
}
