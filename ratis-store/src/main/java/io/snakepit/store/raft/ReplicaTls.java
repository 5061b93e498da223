package io.snakepit.store.raft;

import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Mutual TLS between the replicas: each shows its certificate, and refuses a peer whose certificate
 * the trust manager does not accept, on the Raft port as in its own calls. The managers may change
 * what they hold at any time (a node reloads its certificate); each new connection asks them.
 */
public record ReplicaTls(
    X509ExtendedKeyManager keyManager, X509ExtendedTrustManager trustManager) {}
