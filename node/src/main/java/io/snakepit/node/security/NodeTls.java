package io.snakepit.node.security;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's TLS identity and trust, served on every port from one pair of key and trust managers
 * that {@link #reloadIfChanged} refills from the files: a new connection gets the new certificate,
 * while open ones keep the one they were made with, and nothing restarts.
 *
 * <p>Files replaced one after another (the certificate, then its key) do not match for a moment:
 * the node then keeps serving what it had, and takes the new files once they fit together.
 */
public final class NodeTls {

  private static final Logger log = LoggerFactory.getLogger(NodeTls.class);

  private final TlsFiles files;
  private final AdvancedTlsX509KeyManager keys = new AdvancedTlsX509KeyManager();
  private final AdvancedTlsX509TrustManager trust;
  private final FileWatch watch;
  private volatile TlsIdentity served;

  private NodeTls(TlsFiles files, AdvancedTlsX509TrustManager trust) {
    this.files = files;
    this.trust = trust;
    // Watched from before the first read: files changing during it are read again at the next
    // check.
    this.watch =
        new FileWatch(List.of(files.certificateChain(), files.privateKey(), files.trustBundle()));
  }

  /**
   * Reads the files and serves them.
   *
   * @throws TlsFilesException when a file is missing, unreadable or does not fit the others
   */
  public static NodeTls load(TlsFiles files) {
    try {
      NodeTls tls =
          new NodeTls(
              files,
              AdvancedTlsX509TrustManager.newBuilder()
                  .setVerification(
                      AdvancedTlsX509TrustManager.Verification
                          .CERTIFICATE_AND_HOST_NAME_VERIFICATION)
                  .build());
      tls.serve(TlsIdentity.read(files));
      return tls;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no usable X.509 trust manager", e);
    }
  }

  /**
   * Serves the files again if they changed since last read and fit together.
   *
   * @return whether a new certificate is now served
   */
  public synchronized boolean reloadIfChanged() {
    if (!watch.changed()) {
      return false;
    }
    try {
      serve(TlsIdentity.read(files));
    } catch (TlsFilesException e) {
      log.warn(
          "the TLS files changed but cannot be served ({}); still serving {} until they do",
          e.getMessage(),
          describe(served));
      return false;
    }
    log.info("TLS files reloaded: now serving {}", describe(served));
    return true;
  }

  /** When the certificate served now stops being valid. */
  public Instant expiresAt() {
    return served.expiresAt();
  }

  /** This node's certificate and key, as the servers and the clients of every port offer them. */
  public X509ExtendedKeyManager keyManager() {
    return keys;
  }

  /**
   * For the Raft port, as server and as client: trusts only other nodes' certificates ({@link
   * Role#PEER}).
   *
   * @param refused told of every certificate refused
   */
  public X509ExtendedTrustManager peerTrustManager(Consumer<CertificateException> refused) {
    return GuardedTrustManager.peersOnly(trust, refused);
  }

  /**
   * For the gRPC API: a client may show a certificate of the cluster's CA, or none and a token; a
   * certificate of another CA fails the handshake.
   */
  public ServerCredentials serverCredentials(Consumer<CertificateException> refused) {
    return TlsServerCredentials.newBuilder()
        .keyManager(keys)
        .trustManager(GuardedTrustManager.anyRole(trust, refused))
        .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL)
        .build();
  }

  /**
   * For this node's calls to the other nodes' APIs: it shows its own certificate, and talks only to
   * a server that shows a node's.
   */
  public ChannelCredentials channelCredentials(Consumer<CertificateException> refused) {
    return TlsChannelCredentials.newBuilder()
        .keyManager(keys)
        .trustManager(GuardedTrustManager.peersOnly(trust, refused))
        .build();
  }

  /** For the HTTP port. */
  public SSLContext sslContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new javax.net.ssl.KeyManager[] {keys}, new javax.net.ssl.TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS context", e);
    }
  }

  private void serve(TlsIdentity identity) {
    try {
      keys.updateIdentityCredentials(identity.chain(), identity.key());
      trust.updateTrustCredentials(identity.trusted());
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsFilesException(files.trustBundle(), "cannot be trusted: " + e.getMessage(), e);
    }
    served = identity;
  }

  private static String describe(TlsIdentity identity) {
    return "the certificate of " + identity.subject() + " that expires at " + identity.expiresAt();
  }
}
