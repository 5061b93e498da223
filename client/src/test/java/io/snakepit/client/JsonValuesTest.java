package io.snakepit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snakepit.api.v1.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonValuesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "null",
        "true",
        "9223372036854775807",
        "-9223372036854775808",
        "1.5",
        "\"snake\\n\"",
        "[1,[2,{\"b\":null}]]",
        "{\"z\":1,\"a\":{\"y\":2,\"b\":3}}",
        "{\"$bytes\":\"AAH/\"}"
      })
  void jsonRoundTripsExactly(String json) {
    assertThat(JsonValues.write(JsonValues.read(json))).isEqualTo(json);
  }

  @Test
  void integersStayIntegersAndFractionsDoubles() {
    assertThat(JsonValues.read("9223372036854775807").getIntValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonValues.read("1.0").getKindCase()).isEqualTo(Value.KindCase.DOUBLE_VALUE);
    assertThat(JsonValues.read("1e2").getDoubleValue()).isEqualTo(100.0);
  }

  @Test
  void integersBeyond64BitsAreRejected() {
    assertThatThrownBy(() -> JsonValues.read("9223372036854775808"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bits");
  }

  @Test
  void bytesUseTheBytesObject() {
    Value bytes = Values.toValue(new byte[] {0, 1, (byte) 0xff});

    assertThat(JsonValues.write(bytes)).isEqualTo("{\"$bytes\":\"AAH/\"}");
    assertThat((byte[]) Values.toJava(JsonValues.read("{\"$bytes\":\"AAH/\"}")))
        .containsExactly(0, 1, 0xff);
  }

  @Test
  void objectsWithMoreThanTheBytesKeyStayMaps() {
    Value value = JsonValues.read("{\"$bytes\":\"AA==\",\"other\":1}");

    assertThat(value.hasMapValue()).isTrue();
  }

  @Test
  void javaObjectsWriteInTheirOrder() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", List.of(1, 2.5, "x"));
    map.put("a", Map.of());

    assertThat(JsonValues.write(Values.toValue(map))).isEqualTo("{\"b\":[1,2.5,\"x\"],\"a\":{}}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\":1} 2", "{\"a\":1,\"a\":2}", "{\"$bytes\":\"!!\"}"})
  void invalidJsonIsAnIllegalArgument(String json) {
    assertThatThrownBy(() -> JsonValues.read(json)).isInstanceOf(IllegalArgumentException.class);
  }
}
