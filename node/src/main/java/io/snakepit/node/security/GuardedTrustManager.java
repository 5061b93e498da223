package io.snakepit.node.security;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts what the cluster's trust manager trusts, tells each refusal, and on the Raft port admits
 * only certificates of the {@link Role#PEER} role: there a client's or an admin's certificate of
 * the same CA fails the handshake, and a node does not replicate to a server that is not a node.
 */
final class GuardedTrustManager extends X509ExtendedTrustManager {

  private final X509ExtendedTrustManager cluster;
  private final boolean peersOnly;
  private final Consumer<CertificateException> refused;

  private GuardedTrustManager(
      X509ExtendedTrustManager cluster, boolean peersOnly, Consumer<CertificateException> refused) {
    this.cluster = cluster;
    this.peersOnly = peersOnly;
    this.refused = refused;
  }

  /** Any certificate of the cluster's CA. */
  static GuardedTrustManager anyRole(
      X509ExtendedTrustManager cluster, Consumer<CertificateException> refused) {
    return new GuardedTrustManager(cluster, false, refused);
  }

  /** Nodes' certificates alone. */
  static GuardedTrustManager peersOnly(
      X509ExtendedTrustManager cluster, Consumer<CertificateException> refused) {
    return new GuardedTrustManager(cluster, true, refused);
  }

  /** The refusal of a certificate the CA signed, but for another role than a node's. */
  static final class NotAPeer extends CertificateException {
    NotAPeer(X509Certificate certificate) {
      super(
          "not a node's certificate (no OU="
              + Role.PEER.organisationalUnit()
              + "): "
              + certificate.getSubjectX500Principal().getName());
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    guard(chain, () -> cluster.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    guard(chain, () -> cluster.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    guard(chain, () -> cluster.checkClientTrusted(chain, authType));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    guard(chain, () -> cluster.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    guard(chain, () -> cluster.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    guard(chain, () -> cluster.checkServerTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return cluster.getAcceptedIssuers();
  }

  private interface Check {
    void run() throws CertificateException;
  }

  private void guard(X509Certificate[] chain, Check check) throws CertificateException {
    try {
      check.run();
      if (peersOnly && Role.of(chain[0]).orElse(null) != Role.PEER) {
        throw new NotAPeer(chain[0]);
      }
    } catch (CertificateException e) {
      refused.accept(e);
      throw e;
    }
  }
}
