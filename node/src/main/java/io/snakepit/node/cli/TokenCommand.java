package io.snakepit.node.cli;

import io.snakepit.node.config.ConfigException;
import io.snakepit.node.security.Role;
import io.snakepit.node.security.TokenFile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Bearer tokens for clients that show no certificate. */
@Command(
    name = "token",
    description = "Makes bearer tokens for clients of nodes that serve TLS.",
    subcommands = {TokenCommand.Add.class})
final class TokenCommand {

  @Command(
      name = "add",
      description =
          "Makes a new token, prints it once, and appends its hash and role to the token file"
              + " (security.tokens-file; created readable by its owner alone). Nodes read the"
              + " file again within security.tls.reload-interval. To revoke a token, delete its"
              + " line.")
  static final class Add implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "call (execute, sessions, variables, programs) or admin (everything).")
    String role;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "Who the token is for, as refusals in the node's log name it.")
    String name;

    @Option(
        names = "--file",
        required = true,
        paramLabel = "FILE",
        description = "The token file the nodes read.")
    Path file;

    @Override
    public Integer call() {
      Role granted = parseRole();
      try {
        String token = TokenFile.issue(file, granted, name);
        CliOutput.of(spec).line(token);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage(), e);
      }
      spec.commandLine()
          .getErr()
          .println(
              "the token above is shown this once; "
                  + file
                  + " keeps only its hash (role "
                  + role
                  + ", name "
                  + name
                  + ")");
      return 0;
    }

    private Role parseRole() {
      return switch (role.toLowerCase(Locale.ROOT)) {
        case "call" -> Role.CALL;
        case "admin" -> Role.ADMIN;
        default -> throw new ConfigException("--role is call or admin, not " + role);
      };
    }
  }
}
