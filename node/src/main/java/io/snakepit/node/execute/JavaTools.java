package io.snakepit.node.execute;

import io.snakepit.api.v1.ToolInfo;
import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.tools.JavaTool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The node's Java tools by name; they appear as the pool {@value NodeConfig#JAVA_TOOLS_POOL}. */
public final class JavaTools {

  private final Map<String, JavaTool> tools = new LinkedHashMap<>();

  /**
   * @throws IllegalArgumentException when a name is blank or taken twice
   */
  public JavaTools(List<JavaTool> tools) {
    for (JavaTool tool : tools) {
      if (tool.name() == null || tool.name().isBlank()) {
        throw new IllegalArgumentException("a Java tool needs a name: " + tool.getClass());
      }
      JavaTool previous = this.tools.putIfAbsent(tool.name(), tool);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two Java tools are named '"
                + tool.name()
                + "': "
                + previous.getClass().getName()
                + " and "
                + tool.getClass().getName());
      }
    }
  }

  Optional<JavaTool> find(String name) {
    return Optional.ofNullable(tools.get(name));
  }

  /** The tools as ListTools describes them. */
  List<ToolInfo> describe() {
    return tools.values().stream()
        .map(
            tool ->
                ToolInfo.newBuilder()
                    .setName(tool.name())
                    .setDescription(tool.description())
                    .setParametersSchema(tool.parametersSchema())
                    .setPool(NodeConfig.JAVA_TOOLS_POOL)
                    .build())
        .toList();
  }
}
