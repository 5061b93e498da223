package io.snakepit.client;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.ListValue;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.NullValue;
import io.snakepit.api.v1.Value;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between Java objects and {@link Value}, the wire form of tool arguments, results and
 * session variables.
 *
 * <p>Java to Value: {@code null}; {@link Boolean}; {@link Byte}, {@link Short}, {@link Integer},
 * {@link Long} and a {@link BigInteger} that fits in 64 bits as int; {@link Float} and {@link
 * Double} as double; {@link String}; {@code byte[]} and the remaining bytes of a {@link ByteBuffer}
 * as bytes; a {@link Collection} or any other array as list; a {@link Map} with String keys as map,
 * in its iteration order. A {@link Value} is taken as it is.
 *
 * <p>Value to Java: {@code null}, {@link Boolean}, {@link Long}, {@link Double}, {@link String},
 * {@code byte[]}, {@link ArrayList} and {@link LinkedHashMap} (in the wire order of the keys).
 */
public final class Values {

  private static final Value NULL = Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();

  private Values() {}

  /**
   * @throws IllegalArgumentException for a type not listed above, a map key that is not a String,
   *     or an integer outside 64 bits
   */
  public static Value toValue(Object object) {
    if (object == null) {
      return NULL;
    }
    if (object instanceof Value value) {
      return value;
    }
    if (object instanceof Boolean bool) {
      return Value.newBuilder().setBoolValue(bool).build();
    }
    if (object instanceof Long
        || object instanceof Integer
        || object instanceof Short
        || object instanceof Byte) {
      return Value.newBuilder().setIntValue(((Number) object).longValue()).build();
    }
    if (object instanceof BigInteger big) {
      return Value.newBuilder().setIntValue(toLong(big)).build();
    }
    if (object instanceof Double || object instanceof Float) {
      return Value.newBuilder().setDoubleValue(((Number) object).doubleValue()).build();
    }
    if (object instanceof String string) {
      return Value.newBuilder().setStringValue(string).build();
    }
    if (object instanceof byte[] bytes) {
      return Value.newBuilder().setBytesValue(ByteString.copyFrom(bytes)).build();
    }
    if (object instanceof ByteBuffer buffer) {
      // duplicate(): reading must not move the caller's position.
      return Value.newBuilder().setBytesValue(ByteString.copyFrom(buffer.duplicate())).build();
    }
    if (object instanceof Map<?, ?> map) {
      return Value.newBuilder().setMapValue(toMapValue(map)).build();
    }
    if (object instanceof Collection<?> collection) {
      ListValue.Builder list = ListValue.newBuilder();
      collection.forEach(item -> list.addItems(toValue(item)));
      return Value.newBuilder().setListValue(list).build();
    }
    if (object.getClass().isArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      for (int i = 0; i < Array.getLength(object); i++) {
        list.addItems(toValue(Array.get(object, i)));
      }
      return Value.newBuilder().setListValue(list).build();
    }
    throw new IllegalArgumentException(
        "cannot convert " + object.getClass().getName() + " to a Snakepit value");
  }

  /**
   * @throws IllegalArgumentException when a key is not a String or a value cannot be converted
   */
  public static MapValue toMapValue(Map<?, ?> map) {
    MapValue.Builder builder = MapValue.newBuilder();
    map.forEach(
        (key, value) -> {
          if (!(key instanceof String name)) {
            throw new IllegalArgumentException("map keys must be strings, got " + key);
          }
          builder.addEntries(MapEntry.newBuilder().setKey(name).setValue(toValue(value)));
        });
    return builder.build();
  }

  /** A Value with no kind set reads as null. */
  public static Object toJava(Value value) {
    return switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case BOOL_VALUE -> value.getBoolValue();
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> value.getDoubleValue();
      case STRING_VALUE -> value.getStringValue();
      case BYTES_VALUE -> value.getBytesValue().toByteArray();
      case LIST_VALUE -> toJavaList(value.getListValue());
      case MAP_VALUE -> toJavaMap(value.getMapValue());
    };
  }

  /** Keys keep their wire order; a repeated key keeps its last value. */
  public static Map<String, Object> toJavaMap(MapValue map) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (MapEntry entry : map.getEntriesList()) {
      result.put(entry.getKey(), toJava(entry.getValue()));
    }
    return result;
  }

  private static List<Object> toJavaList(ListValue list) {
    List<Object> result = new ArrayList<>(list.getItemsCount());
    for (Value item : list.getItemsList()) {
      result.add(toJava(item));
    }
    return result;
  }

  private static long toLong(BigInteger big) {
    try {
      return big.longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("integer outside 64 bits: " + big, e);
    }
  }
}
