package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snakepit.node.TestNode;
import io.snakepit.node.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecureByDefaultTest {

  @TempDir Path dir;

  @Test
  void aNodeOnLoopbackMayServePlaintext() {
    assertThat(SecureByDefault.check(TestNode.config(dir, Map.of("grpc.host", "127.0.0.1"))))
        .isEmpty();
    assertThat(SecureByDefault.check(TestNode.config(dir, Map.of("grpc.host", "localhost"))))
        .isEmpty();
  }

  @Test
  void aNodeOnEveryInterfaceWithoutTlsIsRefused() {
    assertThatThrownBy(
            () -> SecureByDefault.check(TestNode.config(dir, Map.of("grpc.host", "0.0.0.0"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("grpc.host 0.0.0.0")
        .hasMessageContaining("security.insecure: true");
  }

  @Test
  void anInsecureNodeSaysSo() {
    String warning =
        SecureByDefault.check(
            TestNode.config(dir, Map.of("grpc.host", "0.0.0.0", "security.insecure", "true")));

    assertThat(warning).contains("plaintext").contains("0.0.0.0");
  }

  @Test
  void aNodeWithTlsMayListenAnywhere() {
    TlsFiles files = TestCertificates.in(dir).node("n1");
    Map<String, String> settings =
        Map.of(
            "grpc.host", "0.0.0.0",
            "security.tls.certificate", files.certificateChain().toString(),
            "security.tls.key", files.privateKey().toString(),
            "security.tls.trust-bundle", files.trustBundle().toString());

    assertThat(SecureByDefault.check(TestNode.config(dir, settings))).isEmpty();
  }
}
