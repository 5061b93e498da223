package io.snakepit.client;

import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import java.util.Optional;

/** The gRPC credentials of a client's settings: its TLS, if any, and its token, if any. */
public final class Credentials {

  private Credentials() {}

  /**
   * @param tls empty for plaintext
   * @param token a bearer token sent with every call, over TLS only
   */
  public static ChannelCredentials of(Optional<ClientTls> tls, Optional<String> token) {
    ChannelCredentials channel =
        tls.map(ClientTls::credentials).orElseGet(InsecureChannelCredentials::create);
    return token
        .<ChannelCredentials>map(
            secret -> CompositeChannelCredentials.create(channel, new BearerToken(secret)))
        .orElse(channel);
  }
}
