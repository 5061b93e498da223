package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.node.security.NodeTls;
import io.snakepit.node.security.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertsCommandTest {

  @TempDir Path dir;

  @Test
  void initMakesACaAndCertificatesANodeCanServe() throws Exception {
    Path tls = dir.resolve("tls");

    CliRun run = CliRun.of("certs", "init", "--dir", tls.toString(), "--nodes", "a,b");

    assertThat(run.exitCode()).as(run.err()).isZero();
    for (String name : new String[] {"ca", "a", "b", "admin", "client"}) {
      assertThat(tls.resolve(name + ".pem")).exists();
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(tls.resolve(name + "-key.pem"))))
          .isEqualTo("rw-------");
    }
    NodeTls served =
        NodeTls.load(
            new TlsFiles(tls.resolve("a.pem"), tls.resolve("a-key.pem"), tls.resolve("ca.pem")));
    assertThat(served.expiresAt())
        .isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(364)));
  }

  @Test
  void initRefusesADirectoryThatHasACa() {
    Path tls = dir.resolve("tls");
    assertThat(CliRun.of("certs", "init", "--dir", tls.toString(), "--nodes", "a").exitCode())
        .isZero();

    CliRun again = CliRun.of("certs", "init", "--dir", tls.toString(), "--nodes", "a");

    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err()).contains("ca.pem exists");
  }
}
