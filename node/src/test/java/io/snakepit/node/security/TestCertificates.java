package io.snakepit.node.security;

import io.grpc.util.CertificateUtils;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A CA and certificates issued by it, written as PEM files into a test's directory: {@code ca.pem},
 * and {@code NAME.pem} with {@code NAME-key.pem} for each certificate issued.
 */
public final class TestCertificates {

  /** Of key stores that live in memory only. */
  private static final char[] STORE_PASSWORD = "in-memory".toCharArray();

  private static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1");

  private final Path dir;
  private final CertificateAuthority ca;

  private TestCertificates(Path dir, CertificateAuthority ca) {
    this.dir = dir;
    this.ca = ca;
  }

  /** A CA valid for a day, written to {@code dir/ca.pem}. */
  public static TestCertificates in(Path dir) {
    Instant now = Instant.now();
    CertificateAuthority ca =
        CertificateAuthority.create(
            "test CA", now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)));
    ca.issued().writeTo(dir, "ca");
    return new TestCertificates(dir, ca);
  }

  public Path trustBundle() {
    return dir.resolve("ca.pem");
  }

  /**
   * A client's TLS context that trusts this CA and shows {@code identity}'s certificate, if any:
   * for tests that speak TLS to a port without gRPC.
   */
  public SSLContext context(Optional<TlsFiles> identity) throws Exception {
    KeyManager[] keyManagers = null;
    if (identity.isPresent()) {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      try (InputStream key = Files.newInputStream(identity.get().privateKey());
          InputStream chain = Files.newInputStream(identity.get().certificateChain())) {
        keys.setKeyEntry(
            "identity",
            CertificateUtils.getPrivateKey(key),
            STORE_PASSWORD,
            CertificateUtils.getX509Certificates(chain));
      }
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, STORE_PASSWORD);
      keyManagers = factory.getKeyManagers();
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream ca = Files.newInputStream(trustBundle())) {
      trusted.setCertificateEntry("ca", CertificateUtils.getX509Certificates(ca)[0]);
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers, trust.getTrustManagers(), null);
    return context;
  }

  /** The settings of a node that serves {@code files}. */
  public static Map<String, String> settings(TlsFiles files) {
    return Map.of(
        "security.tls.certificate", files.certificateChain().toString(),
        "security.tls.key", files.privateKey().toString(),
        "security.tls.trust-bundle", files.trustBundle().toString());
  }

  /** A node's certificate, valid for a day for localhost and 127.0.0.1. */
  public TlsFiles node(String name) {
    return issue(name, Role.PEER, LOCAL_NAMES, Duration.ofDays(1));
  }

  /** A client's certificate of a role, valid for a day. */
  public TlsFiles client(String name, Role role) {
    return issue(name, role, List.of(), Duration.ofDays(1));
  }

  /** A certificate valid from an hour ago for {@code validFor} (negative: expired already). */
  public TlsFiles issue(String name, Role role, List<String> hostNames, Duration validFor) {
    Instant now = Instant.now();
    Instant until = now.plus(validFor);
    Instant from = (until.isBefore(now) ? until : now).minus(Duration.ofHours(1));
    ca.issue(name, role, hostNames, from, until).writeTo(dir, name);
    return new TlsFiles(dir.resolve(name + ".pem"), dir.resolve(name + "-key.pem"), trustBundle());
  }
}
