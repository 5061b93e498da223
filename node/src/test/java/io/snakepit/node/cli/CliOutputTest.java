package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliOutputTest {

  @Test
  void resultsPrintAsOneLineOfJsonWithBytesInBase64() {
    StringWriter text = new StringWriter();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("n", Long.MAX_VALUE);
    result.put("blob", new byte[] {0, 1, (byte) 0xff});
    result.put("items", Arrays.asList(1.5, null, "x"));

    new CliOutput(new PrintWriter(text)).json(result);

    assertThat(text.toString())
        .isEqualTo(
            "{\"n\":9223372036854775807,\"blob\":{\"$bytes\":\"AAH/\"},\"items\":[1.5,null,\"x\"]}"
                + System.lineSeparator());
  }
}
