package io.snakepit.node.security;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.util.Optional;

/**
 * How the API port protects itself: TLS from the node's files, with every failed handshake counted,
 * and, on a node that serves TLS, an {@link Authenticator} in front of every service.
 */
public final class ApiSecurity {

  private final Optional<NodeTls> tls;
  private final Optional<TokenFile> tokens;
  private final Refusals refusals;

  public ApiSecurity(Optional<NodeTls> tls, Optional<TokenFile> tokens, Refusals refusals) {
    this.tls = tls;
    this.tokens = tokens;
    this.refusals = refusals;
  }

  /** TLS with an optional client certificate (a client may show a token instead), or plaintext. */
  public ServerCredentials credentials() {
    return tls.map(served -> served.serverCredentials(refusals.certificatesRefusedOn("api")))
        .orElseGet(InsecureServerCredentials::create);
  }

  public Refusals refusals() {
    return refusals;
  }

  /**
   * Adds the handshake count and the authenticator; call it after every other interceptor was
   * added, so that the authenticator runs first.
   */
  public NettyServerBuilder guard(NettyServerBuilder server) {
    if (tls.isEmpty()) {
      return server;
    }
    return server
        .addTransportFilter(new HandshakeWatch(refusals))
        .intercept(new Authenticator(tokens, refusals));
  }
}
