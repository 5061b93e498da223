package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoleTest {

  @TempDir Path dir;

  @Test
  void aCertificateCarriesTheRoleItWasIssuedWith() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir);

    assertThat(Role.of(read(certificates.node("n1").certificateChain()))).contains(Role.PEER);
    assertThat(Role.of(read(certificates.client("ops", Role.ADMIN).certificateChain())))
        .contains(Role.ADMIN);
    assertThat(Role.of(read(certificates.client("app", Role.CALL).certificateChain())))
        .contains(Role.CALL);
  }

  @Test
  void theCaCertificateCarriesNoRole() throws Exception {
    TestCertificates certificates = TestCertificates.in(dir);

    assertThat(Role.of(read(certificates.trustBundle()))).isEmpty();
  }

  private static X509Certificate read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
