package io.snakepit.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataSizeTest {

  @ParameterizedTest
  @CsvSource({
    "1048576, 1048576",
    "0, 0",
    "12B, 12",
    "512KiB, 524288",
    "16MiB, 16777216",
    "16mib, 16777216",
    "'2 GiB', 2147483648",
    "1TiB, 1099511627776"
  })
  void parsesBytesAndBinaryUnits(String text, long bytes) {
    assertThat(DataSize.parse(text)).isEqualTo(new DataSize(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "16MB", "1.5MiB", "-1", "MiB", "16 MiB extra", "99999999999TiB"})
  void refusesOtherText(String text) {
    assertThatThrownBy(() -> DataSize.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void intBytesAreCapped() {
    assertThat(DataSize.parse("4GiB").toIntBytes()).isEqualTo(Integer.MAX_VALUE);
    assertThat(DataSize.parse("16MiB").toIntBytes()).isEqualTo(16 * 1024 * 1024);
  }
}
