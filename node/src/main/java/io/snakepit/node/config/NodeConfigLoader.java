package io.snakepit.node.config;

import static io.snakepit.node.config.NodeConfigKeys.CLUSTER_ADVERTISE_ADDRESS;
import static io.snakepit.node.config.NodeConfigKeys.CLUSTER_POLL_INTERVAL;
import static io.snakepit.node.config.NodeConfigKeys.DATA_DIR;
import static io.snakepit.node.config.NodeConfigKeys.EXECUTE_DEFAULT_TIMEOUT;
import static io.snakepit.node.config.NodeConfigKeys.GRPC_HOST;
import static io.snakepit.node.config.NodeConfigKeys.GRPC_MAX_MESSAGE_SIZE;
import static io.snakepit.node.config.NodeConfigKeys.GRPC_PORT;
import static io.snakepit.node.config.NodeConfigKeys.HTTP_PORT;
import static io.snakepit.node.config.NodeConfigKeys.NODE_ID;
import static io.snakepit.node.config.NodeConfigKeys.POOL_ADAPTER;
import static io.snakepit.node.config.NodeConfigKeys.POOL_HEARTBEAT_INTERVAL;
import static io.snakepit.node.config.NodeConfigKeys.POOL_HEARTBEAT_TIMEOUT;
import static io.snakepit.node.config.NodeConfigKeys.POOL_LABELS;
import static io.snakepit.node.config.NodeConfigKeys.POOL_MAX_FAILED_STARTS;
import static io.snakepit.node.config.NodeConfigKeys.POOL_MAX_LIFETIME;
import static io.snakepit.node.config.NodeConfigKeys.POOL_MAX_MEMORY;
import static io.snakepit.node.config.NodeConfigKeys.POOL_NAME;
import static io.snakepit.node.config.NodeConfigKeys.POOL_PROFILE;
import static io.snakepit.node.config.NodeConfigKeys.POOL_PYTHON;
import static io.snakepit.node.config.NodeConfigKeys.POOL_PYTHON_PATH;
import static io.snakepit.node.config.NodeConfigKeys.POOL_QUEUE_CAPACITY;
import static io.snakepit.node.config.NodeConfigKeys.POOL_QUEUE_TIMEOUT;
import static io.snakepit.node.config.NodeConfigKeys.POOL_RECYCLE_AFTER_CALLS;
import static io.snakepit.node.config.NodeConfigKeys.POOL_RESTART_BACKOFF_INITIAL;
import static io.snakepit.node.config.NodeConfigKeys.POOL_RESTART_BACKOFF_MAX;
import static io.snakepit.node.config.NodeConfigKeys.POOL_SIZE;
import static io.snakepit.node.config.NodeConfigKeys.POOL_START_METHOD;
import static io.snakepit.node.config.NodeConfigKeys.POOL_START_TIMEOUT;
import static io.snakepit.node.config.NodeConfigKeys.POOL_THREADS;
import static io.snakepit.node.config.NodeConfigKeys.RUN_DIR;
import static io.snakepit.node.config.NodeConfigKeys.SECURITY_INSECURE;
import static io.snakepit.node.config.NodeConfigKeys.SECURITY_TLS_CERTIFICATE;
import static io.snakepit.node.config.NodeConfigKeys.SECURITY_TLS_KEY;
import static io.snakepit.node.config.NodeConfigKeys.SECURITY_TLS_RELOAD_INTERVAL;
import static io.snakepit.node.config.NodeConfigKeys.SECURITY_TLS_TRUST_BUNDLE;
import static io.snakepit.node.config.NodeConfigKeys.SECURITY_TOKENS_FILE;
import static io.snakepit.node.config.NodeConfigKeys.SESSION_DEFAULT_TTL;
import static io.snakepit.node.config.NodeConfigKeys.SESSION_EXPIRY_SWEEP_INTERVAL;
import static io.snakepit.node.config.NodeConfigKeys.SESSION_TOUCH_FLUSH_INTERVAL;
import static io.snakepit.node.config.NodeConfigKeys.SHUTDOWN_GRACE;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_DISCOVERY_TIMEOUT;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_DNS_SERVER;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_ELECTION_TIMEOUT;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_EXPECT;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_ID;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_JOIN;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_LEASE_READS;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_PEERS;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_PEERS_DNS;
import static io.snakepit.node.config.NodeConfigKeys.STORE_RAFT_REQUEST_TIMEOUT;
import static io.snakepit.node.config.NodeConfigKeys.STORE_TYPE;

import io.snakepit.node.security.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Builds a {@link NodeConfig} from the keys of {@link NodeConfigKeys}. Sources, later wins:
 * defaults, a YAML or properties file, {@code SNAKEPIT_*} environment variables, overrides (the
 * command-line flags).
 */
public final class NodeConfigLoader {

  private NodeConfigLoader() {}

  /**
   * Loads and validates a configuration.
   *
   * @param configFile a {@code .yaml}, {@code .yml} or {@code .properties} file; nested YAML
   *     mappings are read as dotted keys
   * @param environment the process environment; only variables named after a key are read
   * @param overrides dotted keys set on the command line
   * @throws ConfigException on an unknown key in the file or overrides, or an invalid value
   */
  public static LoadedConfig load(
      Optional<Path> configFile, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> fileValues = configFile.map(ConfigFileReader::read).orElse(Map.of());
    LayeredSettings settings = new LayeredSettings(NodeConfigKeys.all());
    // Declared before any source is laid on, so that the environment can set their keys too.
    Set<String> furtherPools = FurtherPools.declaredIn(List.of(fileValues, overrides));
    furtherPools.forEach(pool -> FurtherPools.declare(pool, settings));
    configFile.ifPresent(
        file -> settings.override(fileValues, ConfigSource.FILE, "config file " + file));
    settings.overrideFromEnvironment(environment);
    settings.override(overrides, ConfigSource.FLAG, "command-line flags");
    return new LoadedConfig(build(settings, furtherPools), settings.describe());
  }

  /** The configuration reference: every key with its default and purpose, in table order. */
  public static List<KeyDescription> describeKeys() {
    return NodeConfigKeys.all().stream()
        .map(
            key ->
                new KeyDescription(
                    key.name(),
                    key.environmentVariable(),
                    key.documentedDefault(),
                    key.description()))
        .toList();
  }

  private static NodeConfig build(LayeredSettings settings, Set<String> furtherPools) {
    try {
      return new NodeConfig(
          settings.value(NODE_ID),
          settings.value(GRPC_HOST),
          settings.value(GRPC_PORT),
          settings.value(HTTP_PORT),
          settings.value(DATA_DIR),
          settings.value(RUN_DIR),
          settings.value(GRPC_MAX_MESSAGE_SIZE),
          settings.value(EXECUTE_DEFAULT_TIMEOUT),
          settings.value(SHUTDOWN_GRACE),
          buildPools(settings, furtherPools),
          buildSessions(settings),
          buildStore(settings),
          new ClusterConfig(
              settings.value(CLUSTER_ADVERTISE_ADDRESS), settings.value(CLUSTER_POLL_INTERVAL)),
          buildSecurity(settings));
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // The records check rules that span several keys; their messages name the keys.
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The default pool first, then the further ones in the order they were declared. */
  private static List<PoolConfig> buildPools(LayeredSettings settings, Set<String> furtherPools) {
    List<PoolConfig> pools = new ArrayList<>();
    pools.add(buildPool(settings.value(POOL_NAME), new PoolSettings(settings, Optional.empty())));
    for (String name : furtherPools) {
      try {
        pools.add(buildPool(name, new PoolSettings(settings, Optional.of(name))));
      } catch (ConfigException e) {
        throw e;
      } catch (IllegalArgumentException e) {
        throw new ConfigException("pool " + name + ": " + e.getMessage(), e);
      }
    }
    return pools;
  }

  private static PoolConfig buildPool(String name, PoolSettings settings) {
    return new PoolConfig(
        name,
        settings.value(POOL_ADAPTER),
        settings.value(POOL_PROFILE),
        settings.value(POOL_THREADS),
        settings.value(POOL_SIZE),
        settings.value(POOL_PYTHON),
        settings.value(POOL_PYTHON_PATH),
        settings.value(POOL_QUEUE_CAPACITY),
        settings.value(POOL_QUEUE_TIMEOUT),
        settings.value(POOL_START_TIMEOUT),
        settings.value(POOL_RESTART_BACKOFF_INITIAL),
        settings.value(POOL_RESTART_BACKOFF_MAX),
        new WorkerLifecycle(
            settings.value(POOL_RECYCLE_AFTER_CALLS),
            settings.value(POOL_MAX_LIFETIME),
            settings.value(POOL_MAX_MEMORY),
            settings.value(POOL_HEARTBEAT_INTERVAL),
            settings.value(POOL_HEARTBEAT_TIMEOUT),
            settings.value(POOL_MAX_FAILED_STARTS)),
        settings.value(POOL_START_METHOD),
        settings.value(POOL_LABELS));
  }

  /** One pool's settings: the keys pool.X of the default pool, or pools.NAME.X of a further one. */
  private record PoolSettings(LayeredSettings settings, Optional<String> furtherPool) {
    <T> T value(ConfigKey<T> poolKey) {
      return settings.value(
          furtherPool.map(name -> FurtherPools.key(name, poolKey)).orElse(poolKey));
    }
  }

  private static StoreConfig buildStore(LayeredSettings settings) {
    return new StoreConfig(
        settings.value(STORE_TYPE),
        settings.value(STORE_RAFT_PEERS),
        buildPeersDns(settings),
        settings.value(STORE_RAFT_ID).orElse(settings.value(NODE_ID)),
        settings.value(STORE_RAFT_JOIN),
        settings.value(STORE_RAFT_ELECTION_TIMEOUT),
        settings.value(STORE_RAFT_LEASE_READS),
        settings.value(STORE_RAFT_REQUEST_TIMEOUT));
  }

  /** Checked here rather than in the records: an expected count alone is a mistake too. */
  private static Optional<PeersDns> buildPeersDns(LayeredSettings settings) {
    Optional<String> name = settings.value(STORE_RAFT_PEERS_DNS);
    OptionalInt expect = settings.value(STORE_RAFT_EXPECT);
    // Read whether used or not, so that a bad value is refused the same.
    Optional<String> server = settings.value(STORE_RAFT_DNS_SERVER);
    Duration timeout = settings.value(STORE_RAFT_DISCOVERY_TIMEOUT);
    boolean raft = settings.value(STORE_TYPE) == StoreType.RAFT;
    if (name.isEmpty()) {
      if (raft && expect.isPresent()) {
        throw new ConfigException(
            "store.raft.expect is set without store.raft.peers-dns: it says how many peers DNS"
                + " must list, and a static store.raft.peers names them all");
      }
      return Optional.empty();
    }
    if (raft && expect.isEmpty()) {
      throw new ConfigException(
          "store.raft.peers-dns needs store.raft.expect: how many peers form the group, so that"
              + " a node waits for all of them before the group forms");
    }
    return Optional.of(new PeersDns(name.get(), expect.orElse(1), server, timeout));
  }

  private static SecurityConfig buildSecurity(LayeredSettings settings) {
    List<ConfigKey<Optional<Path>>> keys =
        List.of(SECURITY_TLS_CERTIFICATE, SECURITY_TLS_KEY, SECURITY_TLS_TRUST_BUNDLE);
    List<String> missing =
        keys.stream().filter(key -> settings.value(key).isEmpty()).map(ConfigKey::name).toList();
    if (!missing.isEmpty() && missing.size() < keys.size()) {
      throw new ConfigException(
          "TLS needs security.tls.certificate, security.tls.key and security.tls.trust-bundle"
              + " together; missing: "
              + String.join(", ", missing));
    }
    Optional<TlsFiles> tls =
        missing.isEmpty()
            ? Optional.of(
                new TlsFiles(
                    settings.value(SECURITY_TLS_CERTIFICATE).orElseThrow(),
                    settings.value(SECURITY_TLS_KEY).orElseThrow(),
                    settings.value(SECURITY_TLS_TRUST_BUNDLE).orElseThrow()))
            : Optional.empty();
    return new SecurityConfig(
        tls,
        settings.value(SECURITY_TLS_RELOAD_INTERVAL),
        settings.value(SECURITY_TOKENS_FILE),
        settings.value(SECURITY_INSECURE));
  }

  private static SessionConfig buildSessions(LayeredSettings settings) {
    return new SessionConfig(
        settings.value(SESSION_DEFAULT_TTL),
        settings.value(SESSION_TOUCH_FLUSH_INTERVAL),
        settings.value(SESSION_EXPIRY_SWEEP_INTERVAL));
  }
}
