package io.snakepit.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Sends a bearer token with every call ({@code authorization: Bearer TOKEN}), over TLS only: on a
 * plaintext channel the call fails before it leaves, since anyone on the way could read the token.
 */
final class BearerToken extends CallCredentials {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Metadata headers = new Metadata();

  BearerToken(String token) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("the token is empty");
    }
    headers.put(AUTHORIZATION, "Bearer " + token.strip());
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
      applier.fail(
          Status.UNAUTHENTICATED.withDescription(
              "a token is sent over TLS only, and this channel is plaintext"));
      return;
    }
    applier.apply(headers);
  }
}
