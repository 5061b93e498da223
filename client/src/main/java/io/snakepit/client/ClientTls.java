package io.snakepit.client;

import io.grpc.ChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a client reaches nodes that serve TLS: which CAs it trusts (the JVM's, or a trust bundle's)
 * and, if any, the certificate it shows.
 *
 * @param trustBundle a PEM file of the CA certificates to trust instead of the JVM's
 * @param certificateChain a PEM file of the client's certificate chain, its own first
 * @param privateKey a PEM file of the key of the client's certificate, unencrypted PKCS#8
 */
public record ClientTls(
    Optional<Path> trustBundle, Optional<Path> certificateChain, Optional<Path> privateKey) {

  public ClientTls {
    if (certificateChain.isPresent() != privateKey.isPresent()) {
      throw new IllegalArgumentException(
          "a client certificate needs both its chain and its key: "
              + certificateChain
              + ", "
              + privateKey);
    }
  }

  /** Trusts the JVM's CAs and shows no certificate. */
  public static ClientTls jvmTrust() {
    return new ClientTls(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The same, trusting the CA certificates of {@code bundle} instead of the JVM's. */
  public ClientTls trusting(Path bundle) {
    return new ClientTls(Optional.of(bundle), certificateChain, privateKey);
  }

  /** The same, showing this certificate. */
  public ClientTls showing(Path chain, Path key) {
    return new ClientTls(trustBundle, Optional.of(chain), Optional.of(key));
  }

  /**
   * gRPC credentials of these files, read now.
   *
   * @throws UncheckedIOException when a file cannot be read or holds no PEM of its kind
   */
  public ChannelCredentials credentials() {
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
    try {
      if (trustBundle.isPresent()) {
        tls.trustManager(trustBundle.get().toFile());
      }
      if (certificateChain.isPresent()) {
        tls.keyManager(certificateChain.get().toFile(), privateKey.orElseThrow().toFile());
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException(
          "cannot read the client's TLS files: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
    return tls.build();
  }
}
