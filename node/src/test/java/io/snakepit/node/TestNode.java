package io.snakepit.node;

import com.codahale.metrics.Counter;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.config.NodeConfigLoader;
import io.snakepit.node.metrics.MetricNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real node in this JVM, with real Python workers, on free ports and its own directories; and a
 * channel to it. Settings default to small, fast values that a test may override.
 */
public final class TestNode implements AutoCloseable {

  private final SnakepitNode node;
  private final ManagedChannel channel;

  private TestNode(SnakepitNode node) {
    this.node = node;
    this.channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", node.grpcPort())
            .usePlaintext()
            .maxInboundMessageSize(64 * 1024 * 1024)
            .build();
  }

  public static TestNode start(Path dir, Map<String, String> overrides) {
    return start(dir, overrides, builder -> builder);
  }

  /** A node built with more than its configuration, such as Java tools. */
  public static TestNode start(
      Path dir, Map<String, String> overrides, UnaryOperator<SnakepitNode.Builder> building) {
    return new TestNode(building.apply(SnakepitNode.builder(config(dir, overrides))).start());
  }

  public static NodeConfig config(Path dir, Map<String, String> overrides) {
    Map<String, String> settings = new HashMap<>();
    settings.put("node.id", "test");
    settings.put("grpc.port", "0");
    settings.put("http.port", "0");
    settings.put("data.dir", dir.resolve("data").toString());
    settings.put("run.dir", dir.resolve("run").toString());
    settings.put("pool.size", "2");
    settings.put("pool.python", System.getProperty("snakepit.python", "/usr/bin/python3"));
    settings.put("pool.restart-backoff-initial", "50ms");
    settings.put("pool.restart-backoff-max", "1s");
    settings.put("pool.queue-timeout", "10s");
    settings.putAll(overrides);
    return NodeConfigLoader.load(Optional.empty(), Map.of(), settings).config();
  }

  /**
   * Copies test adapters (resources under /adapters) into {@code dir/adapters} and returns that
   * directory, for {@code pool.python-path}. A copy of its own per test: some adapters change their
   * behaviour by files beside them.
   */
  public static Path adapters(Path dir, String... files) throws IOException {
    Path adapters = Files.createDirectories(dir.resolve("adapters"));
    for (String file : files) {
      try (InputStream adapter = TestNode.class.getResourceAsStream("/adapters/" + file)) {
        Files.copy(adapter, adapters.resolve(file));
      }
    }
    return adapters;
  }

  public SnakepitNode node() {
    return node;
  }

  /**
   * A counter of the default pool, 0 while nothing has counted it yet.
   *
   * @param labels more labels after the pool's, as name, value pairs
   */
  public long poolCounter(String name, String... labels) {
    Counter counter = node.metrics().getCounters().get(poolMetric(name, labels));
    return counter == null ? 0 : counter.getCount();
  }

  /** A gauge of the default pool. */
  public int poolGauge(String name) {
    return (Integer) node.metrics().getGauges().get(poolMetric(name)).getValue();
  }

  private static String poolMetric(String name, String... labels) {
    String[] all = new String[labels.length + 2];
    all[0] = "pool";
    all[1] = "default";
    System.arraycopy(labels, 0, all, 2, labels.length);
    return MetricNames.tagged(name, all);
  }

  public ManagedChannel channel() {
    return channel;
  }

  public SnakepitGrpc.SnakepitBlockingStub blocking() {
    return SnakepitGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    node.close();
  }
}
