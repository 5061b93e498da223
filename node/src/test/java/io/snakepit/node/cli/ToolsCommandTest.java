package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.client.JsonValues;
import io.snakepit.client.ToolDescription;
import io.snakepit.client.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolsCommandTest {

  private static final ToolDescription ADD =
      new ToolDescription(
          "add",
          "Adds two numbers.\n\n    Longer explanation.",
          "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}",
          false,
          "default");

  @Test
  void theTableShowsTheFirstLineOfTheDocstring() {
    assertThat(ToolsCommand.table(List.of(ADD)).lines())
        .containsExactly(
            "NAME  STREAMING  POOL     DESCRIPTION", "add   no         default  Adds two numbers.");
  }

  @Test
  void jsonEmbedsTheSchemaAsJson() {
    String json = JsonValues.write(Values.toValue(ToolsCommand.toJson(ADD)));

    assertThat(json)
        .isEqualTo(
            "{\"name\":\"add\",\"pool\":\"default\",\"streaming\":false,"
                + "\"description\":\"Adds two numbers.\\n\\n    Longer explanation.\","
                + "\"parameters\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}}");
  }

  @Test
  void aMissingSchemaIsNull() {
    ToolDescription bare = new ToolDescription("ping", "", "", false, "default");

    assertThat(ToolsCommand.toJson(bare)).containsEntry("parameters", null);
  }
}
