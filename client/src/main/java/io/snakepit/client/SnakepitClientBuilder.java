package io.snakepit.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
  private boolean plaintext = true;
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

  /** True (the default, as a node listens on plaintext) or false for TLS with the JVM's trust. */
  public SnakepitClientBuilder plaintext(boolean plaintext) {
    this.plaintext = plaintext;
    return this;
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
    ChannelCredentials credentials =
        plaintext ? InsecureChannelCredentials.create() : TlsChannelCredentials.create();
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
