package io.snakepit.node.security;

import com.codahale.metrics.MetricRegistry;
import io.snakepit.node.metrics.MetricNames;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refusal counted ({@code snakepit_security_refusals_total{port,reason}}) and logged, one
 * line per port and reason at most every {@link #LOG_EVERY}, saying how many it stood for: a flood
 * of bad calls fills neither the log nor the disk. A line names the caller's address and what was
 * wrong, never the secret it showed.
 */
public final class Refusals {

  static final Duration LOG_EVERY = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(Refusals.class);

  /** Why a caller was turned away. */
  public enum Reason {
    /**
     * The connection ended before its TLS handshake completed: plaintext, or a refused certificate.
     */
    FAILED_HANDSHAKE,
    /** A certificate that the cluster's trust bundle does not vouch for, or that expired. */
    UNTRUSTED_CERTIFICATE,
    /** A certificate of the cluster's CA, but not a node's, on the Raft port. */
    NOT_A_PEER,
    /** Neither a certificate with a role nor a token. */
    NO_CREDENTIALS,
    /** A bearer token that is not in the token file. */
    UNKNOWN_TOKEN,
    /** A caller whose role does not allow the method. */
    WRONG_ROLE,
    /** A hop marker from a caller that is not a node: ignored, the call routed as any other. */
    SPOOFED_FORWARDING;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final MetricRegistry metrics;
  private final LongSupplier nanos;
  private final Map<String, LogWindow> windows = new ConcurrentHashMap<>();

  public Refusals(MetricRegistry metrics) {
    this(metrics, System::nanoTime);
  }

  Refusals(MetricRegistry metrics, LongSupplier nanos) {
    this.metrics = metrics;
    this.nanos = nanos;
  }

  /**
   * @param port which port refused: {@code api}, {@code raft}, or {@code peer-call} for a server
   *     this node called
   * @param detail who and what, without any secret
   */
  public void record(String port, Reason reason, String detail) {
    metrics
        .counter(
            MetricNames.tagged(
                "snakepit.security.refusals", "port", port, "reason", reason.label()))
        .inc();
    LogWindow window = windows.computeIfAbsent(port + "/" + reason, key -> new LogWindow());
    long suppressed = window.admit(nanos.getAsLong());
    if (suppressed >= 0) {
      log.warn(
          "refused on the {} port ({}): {}{}",
          port,
          reason.label(),
          detail,
          suppressed == 0 ? "" : " (and " + suppressed + " more like it before this one)");
    }
  }

  /** Counts and logs each certificate a port's trust manager refuses. */
  public Consumer<CertificateException> certificatesRefusedOn(String port) {
    return refused ->
        record(
            port,
            refused instanceof GuardedTrustManager.NotAPeer
                ? Reason.NOT_A_PEER
                : Reason.UNTRUSTED_CERTIFICATE,
            refused.getMessage());
  }

  /** The log lines of one port and reason: at most one per {@link #LOG_EVERY}. */
  static final class LogWindow {
    private long loggedAt = Long.MIN_VALUE;
    private long suppressed;

    /** How many refusals went unlogged before this one, or -1 when this one goes unlogged. */
    synchronized long admit(long now) {
      if (loggedAt != Long.MIN_VALUE && now - loggedAt < LOG_EVERY.toNanos()) {
        suppressed++;
        return -1;
      }
      loggedAt = now;
      long before = suppressed;
      suppressed = 0;
      return before;
    }
  }
}
