package io.snakepit.node.security;

import io.snakepit.node.config.ConfigException;
import io.snakepit.node.config.NodeConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node that listens beyond loopback serves TLS on every port, unless its operator wrote {@code
 * security.insecure: true}; then it says so at start and on {@code /health}. There is no fallback
 * to plaintext.
 */
public final class SecureByDefault {

  private static final Logger log = LoggerFactory.getLogger(SecureByDefault.class);

  private SecureByDefault() {}

  /**
   * Refuses a node that would listen in plaintext where others can reach it.
   *
   * @return the warning the node shows on {@code /health} while it runs insecure, or empty
   * @throws ConfigException when it listens beyond loopback without TLS or {@code
   *     security.insecure}
   */
  public static String check(NodeConfig config) {
    if (config.security().tls().isPresent() || onlyLoopback(config.host())) {
      return "";
    }
    if (!config.security().insecure()) {
      throw new ConfigException(
          "grpc.host "
              + config.host()
              + " lets other machines reach this node, and it has no TLS: set"
              + " security.tls.certificate, security.tls.key and security.tls.trust-bundle (see"
              + " `snakepit certs init`), or write security.insecure: true to serve every port in"
              + " plaintext to anyone who reaches it");
    }
    String warning =
        "security.insecure is set: every port of this node listens on "
            + config.host()
            + " in plaintext, and any caller that reaches it is trusted";
    log.warn(warning);
    return warning;
  }

  /** Whether every address the host names is a loopback one; a wildcard is not. */
  static boolean onlyLoopback(String host) {
    try {
      return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
