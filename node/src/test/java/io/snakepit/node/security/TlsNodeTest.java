package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitClientBuilder;
import io.snakepit.client.UnavailableException;
import io.snakepit.node.TestNode;
import io.snakepit.node.metrics.MetricNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node serving TLS from files, with real workers, and clients that do and do not trust it. */
class TlsNodeTest {

  @TempDir static Path dir;
  static TestCertificates certificates;
  static TlsFiles served;
  static TlsFiles caller;
  static TestNode node;

  @BeforeAll
  static void startNode() {
    certificates = TestCertificates.in(dir);
    served = certificates.node("n1");
    caller = certificates.client("app", Role.CALL);
    Map<String, String> settings = new HashMap<>(TestCertificates.settings(served));
    settings.put("security.tls.reload-interval", "100ms");
    node = TestNode.start(dir, settings);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void aClientThatTrustsTheClusterCaCallsToolsOverTls() {
    try (SnakepitClient client = authenticated().build()) {
      assertThat(client.execute("add", Map.of("a", 2, "b", 3))).isEqualTo(5L);
    }
  }

  @Test
  void aPlaintextClientGetsNoAnswerAndItsConnectionIsCounted() {
    long before = refusals("failed_handshake");
    try (SnakepitClient client = client().build()) {
      assertThatThrownBy(() -> client.execute("add", Map.of("a", 2, "b", 3)))
          .isInstanceOf(UnavailableException.class);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> refusals("failed_handshake") > before);
  }

  @Test
  void aClientThatTrustsAnotherCaRefusesTheNode() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    try (SnakepitClient client =
        client()
            .tls(TestCertificates.in(other).trustBundle())
            .clientCertificate(caller.certificateChain(), caller.privateKey())
            .build()) {
      assertThatThrownBy(() -> client.execute("add", Map.of("a", 2, "b", 3)))
          .isInstanceOf(UnavailableException.class);
    }
  }

  @Test
  void aClientCertificateOfAnotherCaFailsTheHandshakeAndIsCounted() throws Exception {
    long before = refusals("untrusted_certificate");
    Path other = Files.createDirectories(dir.resolve("foreign"));
    TlsFiles foreign = TestCertificates.in(other).client("intruder", Role.ADMIN);
    try (SnakepitClient client =
        client()
            .tls(certificates.trustBundle())
            .clientCertificate(foreign.certificateChain(), foreign.privateKey())
            .build()) {
      assertThatThrownBy(() -> client.execute("add", Map.of("a", 2, "b", 3)))
          .isInstanceOf(UnavailableException.class);
    }
    assertThat(refusals("untrusted_certificate")).isGreaterThan(before);
  }

  @Test
  void healthIsServedOverHttpsAndWarnsOfTheCertificatesNearExpiry() throws Exception {
    HttpClient https =
        HttpClient.newBuilder().sslContext(certificates.context(Optional.empty())).build();

    HttpResponse<String> health =
        https.send(
            HttpRequest.newBuilder(
                    URI.create("https://localhost:" + node.node().httpPort() + "/health"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    // The test certificates last a day or two: well within the fortnight of warning.
    assertThat(health.body())
        .startsWith("ok\n")
        .contains("warning: the TLS certificate expires at ");
  }

  @Test
  void aCertificateReplacedOnDiskIsServedToTheNextConnectionWithoutARestart() throws Exception {
    TlsFiles renewed =
        certificates.issue("n1-renewed", Role.PEER, List.of("localhost"), Duration.ofDays(2));
    // The key first: until the certificate follows, the two do not fit and the old pair stays.
    Files.copy(renewed.privateKey(), served.privateKey(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        renewed.certificateChain(), served.certificateChain(), StandardCopyOption.REPLACE_EXISTING);

    await().atMost(Duration.ofSeconds(30)).until(() -> servedSubject().contains("CN=n1-renewed"));
    try (SnakepitClient client = authenticated().build()) {
      assertThat(client.execute("add", Map.of("a", 1, "b", 1))).isEqualTo(2L);
    }
  }

  static long refusals(TestNode node, String reason) {
    return node.node()
        .metrics()
        .counter(MetricNames.tagged("snakepit.security.refusals", "port", "api", "reason", reason))
        .getCount();
  }

  private static long refusals(String reason) {
    return refusals(node, reason);
  }

  private static SnakepitClientBuilder authenticated() {
    return client()
        .tls(certificates.trustBundle())
        .clientCertificate(caller.certificateChain(), caller.privateKey());
  }

  private static SnakepitClientBuilder client() {
    return SnakepitClient.builder()
        .target("localhost:" + node.node().grpcPort())
        .defaultTimeout(Duration.ofSeconds(10));
  }

  /** The subject of the certificate a new TLS connection to the API is shown. */
  private static String servedSubject() throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            certificates
                .context(Optional.empty())
                .getSocketFactory()
                .createSocket("localhost", node.node().grpcPort())) {
      socket.setSoTimeout(5000);
      // gRPC's server speaks HTTP/2 alone, which a TLS client asks for by ALPN.
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
          .getSubjectX500Principal()
          .getName();
    }
  }
}
