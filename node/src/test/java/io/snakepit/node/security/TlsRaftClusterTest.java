package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snakepit.client.SnakepitClient;
import io.snakepit.node.TestNode;
import io.snakepit.store.raft.TestPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes whose replicas replicate over mutual TLS on their Raft ports, which admit other nodes
 * alone.
 */
class TlsRaftClusterTest {

  private static final List<String> IDS = List.of("n1", "n2", "n3");

  @TempDir static Path dir;
  static TestCertificates certificates;
  static final Map<String, Integer> raftPorts = new LinkedHashMap<>();
  static final List<TestNode> nodes = new ArrayList<>();

  @BeforeAll
  static void startCluster() {
    certificates = TestCertificates.in(dir);
    IDS.forEach(id -> raftPorts.put(id, TestPorts.free()));
    String peers =
        raftPorts.entrySet().stream()
            .map(peer -> peer.getKey() + "=127.0.0.1:" + peer.getValue())
            .collect(Collectors.joining(","));
    for (String id : IDS) {
      TlsFiles files = certificates.node(id);
      nodes.add(
          TestNode.start(
              dir.resolve(id),
              Map.of(
                  "node.id",
                  id,
                  "store.type",
                  "raft",
                  "store.raft.peers",
                  peers,
                  "security.tls.certificate",
                  files.certificateChain().toString(),
                  "security.tls.key",
                  files.privateKey().toString(),
                  "security.tls.trust-bundle",
                  files.trustBundle().toString())));
    }
  }

  @AfterAll
  static void stopCluster() {
    nodes.forEach(TestNode::close);
  }

  @Test
  void aSessionWrittenThroughOneNodeIsReadThroughAnother() {
    try (SnakepitClient first = client(nodes.get(0));
        SnakepitClient third = client(nodes.get(2))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> first.createSession("over-tls") != null);
      first.putVariable("over-tls", "x", 42);

      assertThat(third.getVariable("over-tls", "x").value()).isEqualTo(42L);
    }
  }

  @Test
  void theRaftPortAdmitsANodeButNotAClientOfTheSameCa() throws Exception {
    int raftPort = raftPorts.get("n1");

    assertThat(answersHttp2(raftPort, certificates.node("n4"))).as("another node").isTrue();
    assertThat(answersHttp2(raftPort, certificates.client("ops", Role.ADMIN)))
        .as("an admin's certificate")
        .isFalse();
  }

  @Test
  void theRaftPortRefusesANodeCertificateOfAnotherCa() throws Exception {
    Path other = Files.createDirectories(dir.resolve("foreign"));
    TlsFiles foreign = TestCertificates.in(other).node("n1");

    assertThat(answersHttp2(raftPorts.get("n2"), foreign)).isFalse();
  }

  private static SnakepitClient client(TestNode node) {
    TlsFiles app = certificates.client("app", Role.CALL);
    return SnakepitClient.builder()
        .target("localhost:" + node.node().grpcPort())
        .tls(certificates.trustBundle())
        .clientCertificate(app.certificateChain(), app.privateKey())
        .defaultTimeout(Duration.ofSeconds(20))
        .build();
  }

  /**
   * Whether a TLS connection showing {@code identity}'s certificate gets the server's first HTTP/2
   * frame: a refused certificate ends the connection instead (with TLS 1.3 the server reports it
   * after the client's half of the handshake).
   */
  private static boolean answersHttp2(int port, TlsFiles identity) throws Exception {
    try (SSLSocket socket =
        (SSLSocket)
            certificates
                .context(Optional.of(identity))
                .getSocketFactory()
                .createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      OutputStream out = socket.getOutputStream();
      out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      // An empty SETTINGS frame: length 0, type 4, no flags, stream 0.
      out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
      out.flush();
      InputStream in = socket.getInputStream();
      return in.read() >= 0;
    } catch (IOException refused) {
      return false;
    }
  }
}
