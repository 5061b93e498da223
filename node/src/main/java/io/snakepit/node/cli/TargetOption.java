package io.snakepit.node.cli;

import io.snakepit.client.ClientTls;
import io.snakepit.client.Credentials;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitClientBuilder;
import io.snakepit.node.config.ConfigException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
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

  @Option(
      names = "--tls-ca",
      paramLabel = "FILE",
      defaultValue = "${env:SNAKEPIT_TLS_CA}",
      scope = ScopeType.INHERIT,
      description =
          "Talk TLS, trusting the CA certificates of this PEM file (a cluster's ca.pem);"
              + " default: $SNAKEPIT_TLS_CA.")
  Path tlsCa;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      defaultValue = "${env:SNAKEPIT_TLS_CERT}",
      scope = ScopeType.INHERIT,
      description =
          "Talk TLS, showing this PEM certificate chain (with --tls-key); the node grants its"
              + " role. Default: $SNAKEPIT_TLS_CERT.")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      defaultValue = "${env:SNAKEPIT_TLS_KEY}",
      scope = ScopeType.INHERIT,
      description = "The PEM key of --tls-cert; default: $SNAKEPIT_TLS_KEY.")
  Path tlsKey;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:SNAKEPIT_TOKEN}",
      scope = ScopeType.INHERIT,
      description =
          "A bearer token from `snakepit token add`, sent over TLS only; prefer $SNAKEPIT_TOKEN,"
              + " which other users cannot read in the process list.")
  String token;

  SnakepitClient connect() {
    SnakepitClientBuilder builder = SnakepitClient.builder().targets(nodes());
    tls().ifPresent(builder::tls);
    Optional.ofNullable(token).ifPresent(builder::token);
    return builder.build();
  }

  /** The admin API of the first node named: admin commands act on one node, not on a cluster. */
  AdminConnection admin() {
    return new AdminConnection(nodes().get(0), Credentials.of(tls(), Optional.ofNullable(token)));
  }

  /** TLS when any of its options is set; plaintext otherwise. */
  private Optional<ClientTls> tls() {
    if (tlsCa == null && tlsCert == null && tlsKey == null) {
      return Optional.empty();
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ConfigException("--tls-cert and --tls-key go together");
    }
    return Optional.of(
        new ClientTls(
            Optional.ofNullable(tlsCa), Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey)));
  }

  private List<String> nodes() {
    return Arrays.stream(target.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
  }
}
