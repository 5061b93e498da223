package io.snakepit.node.cli;

import io.snakepit.client.JsonValues;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.ToolDescription;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Lists the tools of a node's pools. */
@Command(name = "tools", description = "Lists the node's tools.")
final class ToolsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin TargetOption target;

  @Option(
      names = "--json",
      description = "Print one JSON array with every tool's parameter schema instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    List<ToolDescription> tools;
    try (SnakepitClient client = target.connect()) {
      tools = client.listTools();
    }
    CliOutput output = CliOutput.of(spec);
    if (json) {
      output.json(tools.stream().map(ToolsCommand::toJson).toList());
    } else {
      output.table(table(tools));
    }
    return 0;
  }

  static TextTable table(List<ToolDescription> tools) {
    TextTable table = new TextTable("NAME", "STREAMING", "POOL", "DESCRIPTION");
    for (ToolDescription tool : tools) {
      table.row(tool.name(), tool.streaming() ? "yes" : "no", tool.pool(), summary(tool));
    }
    return table;
  }

  static Map<String, Object> toJson(ToolDescription tool) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", tool.name());
    json.put("pool", tool.pool());
    json.put("streaming", tool.streaming());
    json.put("description", tool.description());
    // Embedded as JSON, not as a string holding JSON, so that jq can query it.
    json.put(
        "parameters",
        tool.parametersSchema().isBlank() ? null : JsonValues.read(tool.parametersSchema()));
    return json;
  }

  /** A docstring's first line: the rest does not fit a table. */
  private static String summary(ToolDescription tool) {
    return tool.description().strip().lines().findFirst().orElse("");
  }
}
