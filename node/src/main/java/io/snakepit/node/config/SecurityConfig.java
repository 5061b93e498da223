package io.snakepit.node.config;

import io.snakepit.node.security.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the node protects its ports.
 *
 * @param tls the files every port serves TLS from ({@code security.tls.*}); empty for plaintext,
 *     which only a node on loopback or one marked insecure may serve
 * @param reloadInterval how often the TLS files and the token file are read again ({@code
 *     security.tls.reload-interval})
 * @param tokensFile the bearer tokens clients may show ({@code security.tokens-file})
 * @param insecure the operator allows plaintext beyond loopback ({@code security.insecure})
 */
public record SecurityConfig(
    Optional<TlsFiles> tls, Duration reloadInterval, Optional<Path> tokensFile, boolean insecure) {

  public SecurityConfig {
    if (tls.isPresent() && insecure) {
      throw new IllegalArgumentException(
          "security.insecure is set together with security.tls.*: a node with TLS is not"
              + " insecure; remove one of them");
    }
    if (tokensFile.isPresent() && tls.isEmpty()) {
      throw new IllegalArgumentException(
          "security.tokens-file needs TLS (security.tls.*): a token sent in plaintext is anyone's"
              + " who sees the traffic, and the nodes prove themselves to each other by their"
              + " certificates");
    }
  }

  /** Whether callers must say who they are: on every node that serves TLS. */
  public boolean authenticates() {
    return tls.isPresent();
  }
}
