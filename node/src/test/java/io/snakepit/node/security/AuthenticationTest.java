package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.snakepit.api.v1.AdminGrpc;
import io.snakepit.api.v1.RemoveMemberRequest;
import io.snakepit.client.ClientTls;
import io.snakepit.client.Credentials;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitClientBuilder;
import io.snakepit.client.UnauthenticatedException;
import io.snakepit.node.TestNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that serves TLS knows who calls: by certificate or token, each with its role. */
class AuthenticationTest {

  @TempDir static Path dir;
  static TestCertificates certificates;
  static TestNode node;
  static String callToken;
  static String adminToken;

  @BeforeAll
  static void startNode() {
    certificates = TestCertificates.in(dir);
    Path tokens = dir.resolve("tokens");
    callToken = TokenFile.issue(tokens, Role.CALL, "app");
    adminToken = TokenFile.issue(tokens, Role.ADMIN, "ops");
    Map<String, String> settings =
        new HashMap<>(TestCertificates.settings(certificates.node("n1")));
    settings.put("security.tokens-file", tokens.toString());
    node = TestNode.start(dir, settings);
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void aCallWithNeitherCertificateNorTokenIsUnauthenticated() {
    long before = TlsNodeTest.refusals(node, "no_credentials");
    try (SnakepitClient client = client().build()) {
      assertThatThrownBy(() -> client.execute("add", Map.of("a", 1, "b", 2)))
          .isInstanceOf(UnauthenticatedException.class)
          .hasMessageContaining("client certificate or a bearer token");
    }
    assertThat(TlsNodeTest.refusals(node, "no_credentials")).isGreaterThan(before);
  }

  @Test
  void aTokenOfTheFileActsWithItsRole() {
    try (SnakepitClient client = client().token(callToken).build()) {
      assertThat(client.execute("add", Map.of("a", 1, "b", 2))).isEqualTo(3L);
    }
  }

  @Test
  void aTokenNotInTheFileIsUnauthenticatedAndNotEchoed() {
    long before = TlsNodeTest.refusals(node, "unknown_token");
    String guess = callToken.substring(0, callToken.length() - 2) + "xx";
    try (SnakepitClient client = client().token(guess).build()) {
      assertThatThrownBy(() -> client.execute("add", Map.of("a", 1, "b", 2)))
          .isInstanceOf(UnauthenticatedException.class)
          .hasMessageNotContaining(guess);
    }
    assertThat(TlsNodeTest.refusals(node, "unknown_token")).isGreaterThan(before);
  }

  @Test
  void theCallRoleMayNotChangeTheMembership() {
    long before = TlsNodeTest.refusals(node, "wrong_role");
    ManagedChannel channel = channel(callToken);
    try {
      assertThatThrownBy(
              () ->
                  AdminGrpc.newBlockingStub(channel)
                      .removeMember(RemoveMemberRequest.newBuilder().setId("n1").build()))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              refused ->
                  assertThat(refused.getStatus().getCode())
                      .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED));
    } finally {
      channel.shutdownNow();
    }
    assertThat(TlsNodeTest.refusals(node, "wrong_role")).isGreaterThan(before);
  }

  @Test
  void theAdminRoleMayCallTools() {
    try (SnakepitClient client = client().token(adminToken).build()) {
      assertThat(client.execute("add", Map.of("a", 2, "b", 2))).isEqualTo(4L);
    }
  }

  @Test
  void aCertificateWithTheCallRoleActsWithIt() {
    TlsFiles app = certificates.client("app-cert", Role.CALL);
    try (SnakepitClient client =
        client().clientCertificate(app.certificateChain(), app.privateKey()).build()) {
      assertThat(client.execute("add", Map.of("a", 5, "b", 5))).isEqualTo(10L);
    }
  }

  @Test
  void theSdkSendsNoTokenInPlaintext() {
    try (TestNode plaintext = TestNode.start(dir.resolve("plaintext"), Map.of());
        SnakepitClient client =
            SnakepitClient.builder()
                .target("localhost:" + plaintext.node().grpcPort())
                .token(callToken)
                .build()) {
      assertThatThrownBy(() -> client.execute("add", Map.of("a", 1, "b", 2)))
          .isInstanceOf(UnauthenticatedException.class)
          .hasMessageContaining("plaintext");
    }
  }

  @Test
  void aClientsHopMarkerIsIgnoredAndCounted() {
    long before = TlsNodeTest.refusals(node, "spoofed_forwarding");
    Metadata marker = new Metadata();
    marker.put(Metadata.Key.of("snakepit-forwarded-by", Metadata.ASCII_STRING_MARSHALLER), "n9");
    ManagedChannel channel = channel(callToken, MetadataUtils.newAttachHeadersInterceptor(marker));
    try (SnakepitClient client = SnakepitClient.forChannel(channel, Duration.ofSeconds(10))) {
      assertThat(client.execute("add", Map.of("a", 1, "b", 1))).isEqualTo(2L);
    } finally {
      channel.shutdownNow();
    }
    assertThat(TlsNodeTest.refusals(node, "spoofed_forwarding")).isGreaterThan(before);
  }

  /** A bare gRPC channel over TLS whose calls carry {@code token}, for what the SDK does not do. */
  private static ManagedChannel channel(String token, ClientInterceptor... interceptors) {
    return Grpc.newChannelBuilder(
            "localhost:" + node.node().grpcPort(),
            Credentials.of(
                Optional.of(ClientTls.jvmTrust().trusting(certificates.trustBundle())),
                Optional.of(token)))
        .intercept(interceptors)
        .build();
  }

  private static SnakepitClientBuilder client() {
    return SnakepitClient.builder()
        .target("localhost:" + node.node().grpcPort())
        .tls(certificates.trustBundle())
        .defaultTimeout(Duration.ofSeconds(10));
  }
}
