package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTlsTest {

  @TempDir Path dir;

  @Test
  void servesTheCertificateOfItsFiles() {
    TestCertificates certificates = TestCertificates.in(dir);
    NodeTls tls = NodeTls.load(certificates.node("n1"));

    assertThat(
            tls.keyManager().getCertificateChain(alias(tls))[0].getSubjectX500Principal().getName())
        .contains("CN=n1");
    assertThat(tls.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(23)));
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedNamingTheKeyFile() {
    TestCertificates certificates = TestCertificates.in(dir);
    TlsFiles n1 = certificates.node("n1");
    TlsFiles n2 = certificates.node("n2");

    assertThatThrownBy(
            () ->
                NodeTls.load(
                    new TlsFiles(n1.certificateChain(), n2.privateKey(), n1.trustBundle())))
        .isInstanceOf(TlsFilesException.class)
        .hasMessageContaining(n2.privateKey().toString())
        .hasMessageContaining("does not belong");
  }

  @Test
  void aMissingFileIsRefusedByName() {
    TestCertificates certificates = TestCertificates.in(dir);
    TlsFiles n1 = certificates.node("n1");
    Path missing = dir.resolve("nothing.pem");

    assertThatThrownBy(
            () -> NodeTls.load(new TlsFiles(n1.certificateChain(), n1.privateKey(), missing)))
        .isInstanceOf(TlsFilesException.class)
        .hasMessageStartingWith(missing.toString());
  }

  @Test
  void filesReplacedOnDiskAreServedOnceTheyFitTogether() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir);
    TlsFiles served = certificates.node("n1");
    NodeTls tls = NodeTls.load(served);
    Instant first = tls.expiresAt();
    assertThat(tls.reloadIfChanged()).as("nothing changed").isFalse();

    TlsFiles renewed =
        certificates.issue("renewed", Role.PEER, List.of("localhost"), Duration.ofDays(2));
    Files.copy(
        renewed.certificateChain(), served.certificateChain(), StandardCopyOption.REPLACE_EXISTING);
    assertThat(tls.reloadIfChanged()).as("the new certificate without its key").isFalse();
    assertThat(tls.expiresAt()).isEqualTo(first);

    Files.copy(renewed.privateKey(), served.privateKey(), StandardCopyOption.REPLACE_EXISTING);
    assertThat(tls.reloadIfChanged()).as("the certificate and its key").isTrue();
    assertThat(tls.expiresAt()).isAfter(first.plus(Duration.ofHours(23)));
    assertThat(
            tls.keyManager().getCertificateChain(alias(tls))[0].getSubjectX500Principal().getName())
        .contains("CN=renewed");
  }

  private static String alias(NodeTls tls) {
    return tls.keyManager().chooseEngineServerAlias("EC", null, null);
  }
}
