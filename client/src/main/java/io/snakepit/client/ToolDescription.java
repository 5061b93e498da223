package io.snakepit.client;

import io.snakepit.api.v1.ToolInfo;

/**
 * A tool a node's pool offers.
 *
 * @param description the Python docstring
 * @param parametersSchema a JSON Schema object describing the keyword arguments, as JSON text
 * @param streaming true for generator tools, which must be called with {@link ToolCall#stream()} or
 *     {@link ToolCall#publisher()}
 */
public record ToolDescription(
    String name, String description, String parametersSchema, boolean streaming, String pool) {

  static ToolDescription from(ToolInfo tool) {
    return new ToolDescription(
        tool.getName(),
        tool.getDescription(),
        tool.getParametersSchema(),
        tool.getStreaming(),
        tool.getPool());
  }
}
