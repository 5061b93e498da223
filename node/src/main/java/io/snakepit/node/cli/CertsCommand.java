package io.snakepit.node.cli;

import io.snakepit.node.config.ConfigException;
import io.snakepit.node.security.CertificateAuthority;
import io.snakepit.node.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Certificates for development and tests, from a private CA made on the spot. */
@Command(
    name = "certs",
    description = "Makes TLS certificates for a development or test cluster.",
    subcommands = {CertsCommand.Init.class})
final class CertsCommand {

  @Command(
      name = "init",
      description =
          "Makes a private CA (ca.pem, ca-key.pem) and, signed by it, a certificate and key for"
              + " each node (NODE.pem, NODE-key.pem: role peer, valid for the node's name,"
              + " localhost and 127.0.0.1) and for two clients (admin.pem: role admin; client.pem:"
              + " role call). Keys are readable by their owner alone. A production cluster's"
              + " certificates come from its own CA, with the role as OU=snakepit-ROLE.")
  static final class Init implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--dir",
        required = true,
        paramLabel = "DIR",
        description = "Where the files go; created if missing, and it must hold no ca.pem yet.")
    Path dir;

    @Option(
        names = "--nodes",
        required = true,
        split = ",",
        paramLabel = "NAME",
        description =
            "The nodes' names, comma-separated (n1,n2,n3); each is also a host name its"
                + " certificate is valid for.")
    List<String> nodes;

    @Option(
        names = "--hosts",
        split = ",",
        paramLabel = "HOST",
        description = "More names and addresses every node's certificate is valid for.")
    List<String> hosts;

    @Option(
        names = "--days",
        defaultValue = "365",
        paramLabel = "DAYS",
        description = "How long the certificates are valid (default ${DEFAULT-VALUE}).")
    int days;

    @Override
    public Integer call() throws IOException {
      if (days < 1) {
        throw new ConfigException("--days must be at least 1: " + days);
      }
      Files.createDirectories(dir);
      if (Files.exists(dir.resolve("ca.pem"))) {
        throw new ConfigException(
            dir.resolve("ca.pem")
                + " exists: a second CA would not trust the certificates of the first; choose"
                + " another --dir");
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      Instant now = Instant.now();
      Instant until = now.plus(Duration.ofDays(days));
      CertificateAuthority ca = CertificateAuthority.create("snakepit development CA", now, until);
      ca.issued().writeTo(dir, "ca");
      for (String node : nodes) {
        List<String> names = new ArrayList<>(List.of(node, "localhost", "127.0.0.1"));
        if (hosts != null) {
          names.addAll(hosts);
        }
        ca.issue(node, Role.PEER, names, now, until).writeTo(dir, node);
      }
      ca.issue("admin", Role.ADMIN, List.of(), now, until).writeTo(dir, "admin");
      ca.issue("client", Role.CALL, List.of(), now, until).writeTo(dir, "client");
      CliOutput output = CliOutput.of(spec);
      output.line(
          "wrote a CA and certificates for "
              + String.join(", ", nodes)
              + ", admin and"
              + " client to "
              + dir
              + ", valid until "
              + until);
      output.line("keep " + dir.resolve("ca-key.pem") + " away from the nodes: it signs anything");
      return 0;
    }
  }
}
