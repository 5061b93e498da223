package io.snakepit.node.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the CLI with its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SnakepitCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exitCode = cli.execute(args);
    return new CliRun(exitCode, out.toString(), err.toString());
  }

  /** The command object of this type that picocli filled in while parsing {@code args}. */
  static <T> T parse(Class<T> type, String... args) {
    for (CommandLine command : SnakepitCli.commandLine().parseArgs(args).asCommandLineList()) {
      if (type.isInstance(command.getCommand())) {
        return type.cast(command.getCommand());
      }
    }
    throw new IllegalArgumentException("no " + type.getSimpleName() + " in the command line");
  }
}
