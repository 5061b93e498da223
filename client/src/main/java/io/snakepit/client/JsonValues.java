package io.snakepit.client;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.ByteString;
import io.snakepit.api.v1.ListValue;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.NullValue;
import io.snakepit.api.v1.Value;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * Converts between JSON text and {@link Value}, for command lines and logs.
 *
 * <p>Integers stay exact: a JSON integer becomes an int value when it fits in 64 bits and is
 * rejected otherwise (it is never rounded through a double). Numbers with a fraction or exponent
 * become doubles. Object keys keep their order and may not repeat.
 *
 * <p>JSON has no bytes, so bytes are written as an object with the single key {@code "$bytes"}
 * whose value is the standard Base64 encoding, e.g. {@code {"$bytes":"AAH/"}}, and such an object
 * is read back as bytes. A map whose only key really is {@code "$bytes"} with a string value
 * therefore reads back as bytes. Doubles that JSON cannot express are written as the strings {@code
 * "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
public final class JsonValues {

  /** The key of the one-entry object that stands for bytes. */
  public static final String BYTES_KEY = "$bytes";

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonValues() {}

  /**
   * @throws IllegalArgumentException when the text is not one JSON value, repeats a key, or holds
   *     an integer outside 64 bits or a malformed {@code $bytes} object
   */
  public static Value read(String json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("invalid JSON: no value");
    }
    return fromNode(node);
  }

  /** One line of JSON. */
  public static String write(Value value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = MAPPER.createGenerator(text)) {
      write(value, generator);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a string cannot fail", e);
    }
    return text.toString();
  }

  private static Value fromNode(JsonNode node) {
    Value.Builder value = Value.newBuilder();
    switch (node.getNodeType()) {
      case NULL -> value.setNullValue(NullValue.NULL_VALUE);
      case BOOLEAN -> value.setBoolValue(node.booleanValue());
      case STRING -> value.setStringValue(node.textValue());
      case NUMBER -> setNumber(node, value);
      case ARRAY -> {
        ListValue.Builder list = ListValue.newBuilder();
        node.forEach(item -> list.addItems(fromNode(item)));
        value.setListValue(list);
      }
      case OBJECT -> {
        if (isBytes(node)) {
          value.setBytesValue(decodeBytes(node.get(BYTES_KEY).textValue()));
        } else {
          value.setMapValue(fromObject(node));
        }
      }
      default -> throw new IllegalArgumentException("unsupported JSON node: " + node.getNodeType());
    }
    return value.build();
  }

  private static void setNumber(JsonNode node, Value.Builder value) {
    if (!node.isIntegralNumber()) {
      value.setDoubleValue(node.doubleValue());
    } else if (node.canConvertToLong()) {
      value.setIntValue(node.longValue());
    } else {
      throw new IllegalArgumentException("integer outside 64 bits: " + node.asText());
    }
  }

  private static MapValue fromObject(JsonNode node) {
    MapValue.Builder map = MapValue.newBuilder();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      map.addEntries(
          MapEntry.newBuilder().setKey(field.getKey()).setValue(fromNode(field.getValue())));
    }
    return map.build();
  }

  private static boolean isBytes(JsonNode node) {
    return node.size() == 1 && node.has(BYTES_KEY) && node.get(BYTES_KEY).isTextual();
  }

  private static ByteString decodeBytes(String base64) {
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid Base64 in " + BYTES_KEY + ": " + base64, e);
    }
  }

  private static void write(Value value, JsonGenerator out) throws IOException {
    switch (value.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> out.writeNull();
      case BOOL_VALUE -> out.writeBoolean(value.getBoolValue());
      case INT_VALUE -> out.writeNumber(value.getIntValue());
      case DOUBLE_VALUE -> out.writeNumber(value.getDoubleValue());
      case STRING_VALUE -> out.writeString(value.getStringValue());
      case BYTES_VALUE -> {
        out.writeStartObject();
        out.writeStringField(
            BYTES_KEY, Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
        out.writeEndObject();
      }
      case LIST_VALUE -> {
        out.writeStartArray();
        for (Value item : value.getListValue().getItemsList()) {
          write(item, out);
        }
        out.writeEndArray();
      }
      case MAP_VALUE -> {
        out.writeStartObject();
        for (MapEntry entry : value.getMapValue().getEntriesList()) {
          out.writeFieldName(entry.getKey());
          write(entry.getValue(), out);
        }
        out.writeEndObject();
      }
    }
  }
}
