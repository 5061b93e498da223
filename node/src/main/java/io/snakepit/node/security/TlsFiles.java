package io.snakepit.node.security;

import java.nio.file.Path;

/**
 * Where a node's TLS material lies, as PEM files: its certificate chain (its own certificate
 * first), its private key (PKCS#8, or PKCS#1 for RSA) and the trust bundle of the cluster's CA,
 * which signs every node's and client's certificate.
 */
public record TlsFiles(Path certificateChain, Path privateKey, Path trustBundle) {}
