package io.snakepit.node.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthWarningsTest {

  @TempDir Path dir;

  @Test
  void aPlaintextNodeOnLoopbackHasNoWarning() {
    assertThat(new HealthWarnings("", Optional.empty()).current()).isEmpty();
  }

  @Test
  void anInsecureNodeWarnsAsItWasToldTo() {
    assertThat(new HealthWarnings("security.insecure is set", Optional.empty()).current())
        .containsExactly("security.insecure is set");
  }

  @Test
  void aCertificateWarnsFourteenDaysBeforeItExpires() {
    NodeTls tls =
        NodeTls.load(
            TestCertificates.in(dir)
                .issue("n1", Role.PEER, List.of("localhost"), Duration.ofDays(20)));
    Instant expiry = tls.expiresAt();

    assertThat(at(expiry.minus(Duration.ofDays(15)), tls).current()).isEmpty();
    assertThat(at(expiry.minus(Duration.ofDays(13)), tls).current())
        .singleElement()
        .asString()
        .contains("expires at " + expiry);
    assertThat(at(expiry.plus(Duration.ofDays(1)), tls).current())
        .singleElement()
        .asString()
        .contains("expired at " + expiry);
  }

  private static HealthWarnings at(Instant now, NodeTls tls) {
    return new HealthWarnings("", Optional.of(tls), Clock.fixed(now, ZoneOffset.UTC));
  }
}
