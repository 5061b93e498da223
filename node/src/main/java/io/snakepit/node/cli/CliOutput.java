package io.snakepit.node.cli;

import io.snakepit.client.JsonValues;
import io.snakepit.client.Values;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What commands print on stdout: JSON (one document per line, see {@link JsonValues} for bytes),
 * tables and plain lines. Every line is flushed at once so that streamed items show up as they
 * arrive.
 */
final class CliOutput {

  private final PrintWriter out;

  CliOutput(PrintWriter out) {
    this.out = out;
  }

  static CliOutput of(CommandSpec spec) {
    return new CliOutput(spec.commandLine().getOut());
  }

  /** Prints a value such as a tool result, converted as {@link Values#toValue} does. */
  void json(Object value) {
    line(JsonValues.write(Values.toValue(value)));
  }

  void table(TextTable table) {
    table.lines().forEach(this::line);
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }
}
