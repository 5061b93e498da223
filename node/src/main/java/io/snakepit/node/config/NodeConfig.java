package io.snakepit.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything a node is configured with. Built and validated by {@link NodeConfigLoader}, which
 * holds the keys and defaults in one table.
 *
 * @param nodeId this node's name in logs, metrics and responses ({@code node.id})
 * @param host the address the gRPC API listens on ({@code grpc.host}, default 127.0.0.1)
 * @param port the gRPC API port, 0 for any free port ({@code grpc.port}, default 50051)
 * @param httpPort the metrics/health HTTP port, 0 for any free port, -1 to disable ({@code
 *     http.port})
 * @param dataDir where the session store keeps its data ({@code data.dir})
 * @param runDir parent of the private per-run directory holding worker sockets; kept short because
 *     Unix socket paths are limited to 107 bytes ({@code run.dir})
 * @param maxMessageSize the largest gRPC message accepted or sent ({@code grpc.max-message-size})
 * @param defaultCallTimeout the deadline of an execute whose caller gave none ({@code
 *     execute.default-timeout})
 * @param shutdownGrace how long SIGTERM waits for in-flight calls ({@code shutdown.grace})
 * @param pools the worker pools: the default pool ({@code pool.*}) first, then the further ones
 *     ({@code pools.NAME.*}), with distinct names
 * @param sessions sessions' TTLs and access times
 * @param store where sessions are kept: this node alone, or a Raft group
 * @param cluster how the node takes part in a cluster
 * @param security how the node protects its ports
 */
public record NodeConfig(
    String nodeId,
    String host,
    int port,
    int httpPort,
    Path dataDir,
    Path runDir,
    DataSize maxMessageSize,
    Duration defaultCallTimeout,
    Duration shutdownGrace,
    List<PoolConfig> pools,
    SessionConfig sessions,
    StoreConfig store,
    ClusterConfig cluster,
    SecurityConfig security) {

  /** The name under which the node's Java tools appear, as if they were a pool. */
  public static final String JAVA_TOOLS_POOL = "java";

  public NodeConfig {
    pools = List.copyOf(pools);
    if (pools.isEmpty()) {
      throw new IllegalArgumentException("a node needs a pool");
    }
    Set<String> names = new HashSet<>();
    for (PoolConfig pool : pools) {
      if (pool.name().equals(JAVA_TOOLS_POOL)) {
        throw new IllegalArgumentException(
            "the pool name " + JAVA_TOOLS_POOL + " is reserved for the node's Java tools");
      }
      if (!names.add(pool.name())) {
        throw new IllegalArgumentException(
            "two pools are named "
                + pool.name()
                + " (pool.name names the default pool; pools.NAME.* a further one)");
      }
    }
  }

  /** The pool that runs calls naming none. */
  public PoolConfig pool() {
    return pools.get(0);
  }
}
