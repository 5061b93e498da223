package io.snakepit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snakepit.api.v1.Value;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValuesTest {

  private static Object roundTrip(Object object) {
    return Values.toJava(Values.toValue(object));
  }

  @Test
  void scalarsComeBackAsTheirWideType() {
    assertThat(roundTrip(null)).isNull();
    assertThat(roundTrip(true)).isEqualTo(true);
    assertThat(roundTrip((byte) 7)).isEqualTo(7L);
    assertThat(roundTrip((short) -7)).isEqualTo(-7L);
    assertThat(roundTrip(42)).isEqualTo(42L);
    assertThat(roundTrip(1.5f)).isEqualTo(1.5d);
    assertThat(roundTrip(Double.NaN)).isEqualTo(Double.NaN);
    assertThat(roundTrip("snake")).isEqualTo("snake");
  }

  @Test
  void longExtremesStayExact() {
    assertThat(roundTrip(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    assertThat(roundTrip(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    assertThat(roundTrip(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void integersBeyond64BitsAreRejected() {
    BigInteger tooBig = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);

    assertThatThrownBy(() -> Values.toValue(tooBig))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 bits");
  }

  @Test
  void bytesAndByteBuffersBecomeBytes() {
    byte[] bytes = {0, 1, (byte) 0xff};
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 0, 1, (byte) 0xff});
    buffer.position(1);

    assertThat((byte[]) roundTrip(bytes)).containsExactly(bytes);
    assertThat((byte[]) roundTrip(buffer)).containsExactly(bytes);
    assertThat(buffer.position()).isEqualTo(1);
  }

  @Test
  void collectionsAndArraysBecomeLists() {
    assertThat(roundTrip(List.of(1, "a"))).isEqualTo(List.of(1L, "a"));
    assertThat(roundTrip(new int[] {1, 2})).isEqualTo(List.of(1L, 2L));
    assertThat(roundTrip(new String[] {"x"})).isEqualTo(List.of("x"));
    assertThat(roundTrip(Set.of(3))).isEqualTo(List.of(3L));
    assertThat(roundTrip(Arrays.asList(1, null))).isEqualTo(Arrays.asList(1L, null));
  }

  @Test
  void nestedMapsKeepTheirKeyOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", List.of(Map.of("k", true)));
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("m", inner);
    outer.put("b", null);

    Map<String, Object> back = Results.asMap(roundTrip(outer));

    assertThat(back).isInstanceOf(LinkedHashMap.class);
    assertThat(back.keySet()).containsExactly("m", "b");
    assertThat(Results.asMap(back.get("m")))
        .containsExactly(Map.entry("z", 1L), Map.entry("a", List.of(Map.of("k", true))));
  }

  @Test
  void mapKeysMustBeStrings() {
    assertThatThrownBy(() -> Values.toValue(Map.of(1, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys must be strings");
  }

  @Test
  void unknownTypesAreRejected() {
    assertThatThrownBy(() -> Values.toValue(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void aValueWithoutKindReadsAsNull() {
    assertThat(Values.toJava(Value.getDefaultInstance())).isNull();
  }

  @Test
  void aValueIsTakenAsItIs() {
    Value value = Value.newBuilder().setStringValue("as is").build();

    assertThat(Values.toValue(value)).isSameAs(value);
  }
}
