package io.snakepit.node.cli;

import io.snakepit.store.raft.CommonPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code snakepit} command: the entry point of the node's jar. */
@Command(
    name = "snakepit",
    description = "Runs a Snakepit node, or talks to one.",
    subcommands = {
      StartCommand.class,
      CallCommand.class,
      ToolsCommand.class,
      SessionsCommand.class,
      ClusterCommand.class,
      StoreCommand.class,
      CertsCommand.class,
      TokenCommand.class
    })
public final class SnakepitCli {

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      scope = ScopeType.INHERIT,
      description = "Shows this help and exits.")
  boolean helpRequested;

  public static void main(String[] args) {
    CommonPool.sizeForRatis();
    System.exit(commandLine().execute(args));
  }

  /** The command line with its error handling; tests redirect its output with setOut/setErr. */
  static CommandLine commandLine() {
    return new CommandLine(new SnakepitCli()).setExecutionExceptionHandler(new ErrorReporter());
  }
}
