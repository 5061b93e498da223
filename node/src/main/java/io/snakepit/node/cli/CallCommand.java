package io.snakepit.node.cli;

import io.snakepit.api.v1.Value;
import io.snakepit.client.JsonValues;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.ToolCall;
import io.snakepit.client.ToolStream;
import io.snakepit.client.Values;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a tool and prints its result, or each streamed item, as one line of JSON. */
@Command(
    name = "call",
    description = {
      "Runs a tool and prints its result as JSON; with --stream, one JSON line per item.",
      "Bytes are printed, and accepted in --args, as {\"$bytes\":\"<base64>\"}."
    })
final class CallCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin TargetOption target;

  @Parameters(index = "0", paramLabel = "TOOL", description = "The tool's name.")
  String tool;

  @Option(names = "--session", paramLabel = "ID", description = "The session the tool may use.")
  String session;

  @Option(
      names = "--args",
      paramLabel = "JSON",
      defaultValue = "{}",
      description = "Keyword arguments as a JSON object, e.g. '{\"a\":1}'.")
  String args;

  @Option(names = "--pool", paramLabel = "POOL", description = "The pool; the node's default.")
  String pool;

  @Option(
      names = "--require",
      paramLabel = "LABEL=VALUE",
      description = "A label the pool must declare (pool.labels), e.g. gpu=true; repeatable.")
  Map<String, String> requirements = Map.of();

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Deadline of the whole call (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--stream", description = "Call a streaming (generator) tool.")
  boolean stream;

  @Override
  public Integer call() {
    Map<String, Object> arguments = parsedArgs();
    CliOutput output = CliOutput.of(spec);
    try (SnakepitClient client = target.connect()) {
      ToolCall call = client.call(tool).args(arguments).timeout(timeout);
      if (session != null) {
        call.session(session);
      }
      if (pool != null) {
        call.pool(pool);
      }
      requirements.forEach(call::requires);
      if (stream) {
        try (ToolStream items = call.stream()) {
          items.forEachRemaining(output::json);
        }
      } else {
        output.json(call.execute());
      }
    }
    return 0;
  }

  /** The --args object; a usage error when it is not one. */
  Map<String, Object> parsedArgs() {
    Value value;
    try {
      value = JsonValues.read(args);
    } catch (IllegalArgumentException e) {
      throw badArgs(e.getMessage());
    }
    if (!value.hasMapValue()) {
      throw badArgs("expected a JSON object");
    }
    return Values.toJavaMap(value.getMapValue());
  }

  private ParameterException badArgs(String why) {
    return new ParameterException(
        spec.commandLine(), "Invalid value for option '--args': " + why + ": " + args);
  }
}
