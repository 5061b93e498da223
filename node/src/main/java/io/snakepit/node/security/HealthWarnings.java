package io.snakepit.node.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /health} tells an operator beside "ok": that the node runs insecure, or that its
 * certificate expires within {@link #EXPIRY_WARNING}.
 */
public final class HealthWarnings {

  static final Duration EXPIRY_WARNING = Duration.ofDays(14);

  private final String insecure;
  private final Optional<NodeTls> tls;
  private final Clock clock;

  /**
   * @param insecure the warning of {@link SecureByDefault#check}, or empty
   */
  public HealthWarnings(String insecure, Optional<NodeTls> tls) {
    this(insecure, tls, Clock.systemUTC());
  }

  HealthWarnings(String insecure, Optional<NodeTls> tls, Clock clock) {
    this.insecure = insecure;
    this.tls = tls;
    this.clock = clock;
  }

  public List<String> current() {
    List<String> warnings = new ArrayList<>();
    if (!insecure.isEmpty()) {
      warnings.add(insecure);
    }
    tls.map(NodeTls::expiresAt)
        .filter(expiry -> expiry.isBefore(clock.instant().plus(EXPIRY_WARNING)))
        .ifPresent(expiry -> warnings.add(expiryWarning(expiry, clock.instant())));
    return warnings;
  }

  private static String expiryWarning(Instant expiry, Instant now) {
    return expiry.isAfter(now)
        ? "the TLS certificate expires at " + expiry + "; replace its files before then"
        : "the TLS certificate expired at " + expiry + "; clients and peers refuse it";
  }
}
