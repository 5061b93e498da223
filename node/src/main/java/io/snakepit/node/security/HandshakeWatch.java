package io.snakepit.node.security;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;

/**
 * Counts the connections to the API port that ended before their TLS handshake completed: a
 * plaintext client, a certificate the trust bundle refused, or a scanner. gRPC tells a transport's
 * end to every filter, but its readiness only to those whose handshake completed.
 */
public final class HandshakeWatch extends ServerTransportFilter {

  private static final Attributes.Key<Boolean> READY =
      Attributes.Key.create("snakepit-handshake-completed");

  private final Refusals refusals;

  public HandshakeWatch(Refusals refusals) {
    this.refusals = refusals;
  }

  @Override
  public Attributes transportReady(Attributes attributes) {
    return attributes.toBuilder().set(READY, Boolean.TRUE).build();
  }

  @Override
  public void transportTerminated(Attributes attributes) {
    if (attributes == null || attributes.get(READY) == null) {
      refusals.record(
          "api",
          Refusals.Reason.FAILED_HANDSHAKE,
          "a connection ended before its TLS handshake completed (plaintext, or a certificate"
              + " refused)");
    }
  }
}
