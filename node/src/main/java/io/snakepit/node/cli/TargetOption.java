package io.snakepit.node.cli;

import io.snakepit.client.SnakepitClient;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code --target} of the commands that are clients of a running node. */
final class TargetOption {

  @Option(
      names = "--target",
      paramLabel = "HOST:PORT[,HOST:PORT...]",
      defaultValue = "${env:SNAKEPIT_TARGET:-127.0.0.1:50051}",
      scope = ScopeType.INHERIT,
      description =
          "The node to talk to, or several nodes of a cluster to fail over between"
              + " (default: $SNAKEPIT_TARGET, else ${DEFAULT-VALUE}).")
  String target;

  SnakepitClient connect() {
    return SnakepitClient.builder().targets(nodes()).build();
  }

  /** The admin API of the first node named: admin commands act on one node, not on a cluster. */
  AdminConnection admin() {
    return new AdminConnection(nodes().get(0));
  }

  private List<String> nodes() {
    return Arrays.stream(target.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }
}
