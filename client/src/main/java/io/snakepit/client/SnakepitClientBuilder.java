package io.snakepit.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Settings of a {@link SnakepitClient} that opens its own channel. */
public final class SnakepitClientBuilder {

  /** Above gRPC's 4 MiB default: tool results such as arrays or images are often bigger. */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_SIZE = 16 * 1024 * 1024;

  static final Supplier<String> RANDOM_REQUEST_IDS = () -> UUID.randomUUID().toString();

  private List<String> targets = List.of("127.0.0.1:50051");
  private Duration defaultTimeout = SnakepitClient.DEFAULT_TIMEOUT;
  private int maxInboundMessageSize = DEFAULT_MAX_INBOUND_MESSAGE_SIZE;

  /** Empty for plaintext. */
  private Optional<ClientTls> tls = Optional.empty();

  private Optional<String> token = Optional.empty();
  private boolean batchVariableCalls = true;
  private Supplier<String> requestIds = RANDOM_REQUEST_IDS;

  SnakepitClientBuilder() {}

  /** {@code host:port} or any gRPC target URI such as {@code dns:///host:port}. */
  public SnakepitClientBuilder target(String target) {
    return targets(List.of(target));
  }

  /**
   * Several nodes of one cluster. Calls go to the first; when a node is unavailable the client
   * moves on to the next, and retries there what is safe to retry: reads, writes of sessions,
   * variables and programs (each carries a request id that the store deduplicates), and any call
   * the unavailable node never received. Tool calls the node may have received are not retried.
   */
  public SnakepitClientBuilder targets(List<String> targets) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one target is needed");
    }
    this.targets = List.copyOf(targets);
    return this;
  }

  /** The deadline of every call that sets none; 30 seconds unless set. */
  public SnakepitClientBuilder defaultTimeout(Duration timeout) {
    this.defaultTimeout = requirePositive(timeout);
    return this;
  }

  /** The largest message the client accepts, in bytes; 16 MiB unless set. */
  public SnakepitClientBuilder maxInboundMessageSize(int bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("message size must be positive: " + bytes);
    }
    this.maxInboundMessageSize = bytes;
    return this;
  }

  /**
   * True (the default, as a node on loopback listens on plaintext) or false for TLS, which trusts
   * the JVM's CAs unless {@link #tls} names the cluster's own.
   */
  public SnakepitClientBuilder plaintext(boolean plaintext) {
    this.tls = plaintext ? Optional.empty() : Optional.of(tlsSoFar());
    return this;
  }

  /**
   * TLS that trusts the CA certificates of a PEM file: the trust bundle of a cluster with a CA of
   * its own (as {@code snakepit certs init} makes, {@code ca.pem}).
   */
  public SnakepitClientBuilder tls(Path trustBundle) {
    this.tls = Optional.of(tlsSoFar().trusting(trustBundle));
    return this;
  }

  /**
   * Shows this client's certificate in the TLS handshake (PEM files: the chain, the client's own
   * certificate first, and its unencrypted PKCS#8 key); the node grants the role the certificate
   * carries. Implies TLS.
   */
  public SnakepitClientBuilder clientCertificate(Path certificateChain, Path privateKey) {
    this.tls = Optional.of(tlsSoFar().showing(certificateChain, privateKey));
    return this;
  }

  /** All the TLS settings at once. */
  public SnakepitClientBuilder tls(ClientTls settings) {
    this.tls = Optional.of(settings);
    return this;
  }

  /**
   * Sends this bearer token with every call ({@code authorization: Bearer TOKEN}); the node grants
   * the token's role. Sent over TLS only: on a plaintext channel every call fails {@code
   * UNAUTHENTICATED} before it leaves.
   */
  public SnakepitClientBuilder token(String token) {
    this.token = Optional.of(token);
    return this;
  }

  private ClientTls tlsSoFar() {
    return tls.orElseGet(ClientTls::jvmTrust);
  }

  /**
   * True (the default) to send the variable calls that threads make at the same time together, as
   * one BatchVariables request, while earlier ones are on their way; false to send each as its own
   * call. Nodes from before BatchVariables answer it UNIMPLEMENTED: turn batching off for them.
   */
  public SnakepitClientBuilder batchVariableCalls(boolean batch) {
    this.batchVariableCalls = batch;
    return this;
  }

  /**
   * Where the request ids of writes come from: one per write, unique for at least the store's
   * window (10 minutes), 1 to 128 letters, digits or {@code . _ : -}. Random UUIDs unless set; set
   * it to use ids of your own (for instance to repeat a write after a restart of your process).
   */
  public SnakepitClientBuilder requestIds(Supplier<String> requestIds) {
    this.requestIds = Objects.requireNonNull(requestIds, "requestIds");
    return this;
  }

  /** Opens a channel per target; connecting happens lazily on the first call. */
  public SnakepitClient build() {
    ChannelCredentials credentials = Credentials.of(tls, token);
    List<ManagedChannel> channels =
        targets.stream()
            .map(
                target ->
                    Grpc.newChannelBuilder(target, credentials)
                        .maxInboundMessageSize(maxInboundMessageSize)
                        .build())
            .toList();
    return new SnakepitClient(channels, defaultTimeout, batchVariableCalls, requestIds, channels);
  }

  static Duration requirePositive(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return timeout;
  }
}
