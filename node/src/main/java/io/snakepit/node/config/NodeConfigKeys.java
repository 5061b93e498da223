package io.snakepit.node.config;

import static io.snakepit.node.config.ValueType.adapter;
import static io.snakepit.node.config.ValueType.bool;
import static io.snakepit.node.config.ValueType.choice;
import static io.snakepit.node.config.ValueType.countOrNever;
import static io.snakepit.node.config.ValueType.durationOrNever;
import static io.snakepit.node.config.ValueType.intRange;
import static io.snakepit.node.config.ValueType.labels;
import static io.snakepit.node.config.ValueType.name;
import static io.snakepit.node.config.ValueType.nonBlank;
import static io.snakepit.node.config.ValueType.optionalCount;
import static io.snakepit.node.config.ValueType.optionalDnsName;
import static io.snakepit.node.config.ValueType.optionalHost;
import static io.snakepit.node.config.ValueType.optionalHostPort;
import static io.snakepit.node.config.ValueType.optionalName;
import static io.snakepit.node.config.ValueType.optionalPath;
import static io.snakepit.node.config.ValueType.path;
import static io.snakepit.node.config.ValueType.pathList;
import static io.snakepit.node.config.ValueType.peers;
import static io.snakepit.node.config.ValueType.positiveDuration;
import static io.snakepit.node.config.ValueType.positiveSize;
import static io.snakepit.node.config.ValueType.sizeOrNever;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Every node setting, with its default and validation side by side: the one place to add a key. */
public final class NodeConfigKeys {

  // Declared first: each define() below appends to it during class initialisation.
  private static final List<ConfigKey<?>> ALL = new ArrayList<>();

  public static final ConfigKey<String> NODE_ID =
      define("node.id", name(), "local", "this node's name in logs, metrics and responses");
  public static final ConfigKey<String> GRPC_HOST =
      define(
          "grpc.host",
          nonBlank(),
          "127.0.0.1",
          "address the gRPC API listens on; 0.0.0.0 exposes it to the network");
  public static final ConfigKey<Integer> GRPC_PORT =
      define("grpc.port", intRange(0, 65535), "50051", "gRPC API port; 0 picks a free one");
  public static final ConfigKey<Integer> HTTP_PORT =
      define(
          "http.port",
          intRange(-1, 65535),
          "9095",
          "port of /metrics, /health and /ready; 0 picks a free one, -1 turns HTTP off");
  public static final ConfigKey<Path> DATA_DIR =
      define(
          "data.dir",
          path(),
          ".snakepit/data",
          "where the session store keeps its data; relative paths start at the working directory");
  public static final ConfigKey<Path> RUN_DIR =
      define(
          "run.dir",
          path(),
          "/tmp/snakepit",
          "parent of the private directory holding worker sockets; keep it short, socket paths"
              + " are limited to 107 bytes");
  public static final ConfigKey<DataSize> GRPC_MAX_MESSAGE_SIZE =
      define(
          "grpc.max-message-size",
          positiveSize(),
          "16MiB",
          "largest gRPC message accepted or sent, by the API and by workers");
  public static final ConfigKey<Duration> EXECUTE_DEFAULT_TIMEOUT =
      define(
          "execute.default-timeout",
          positiveDuration(),
          "60s",
          "deadline of an execute call whose caller set none");
  public static final ConfigKey<Duration> SHUTDOWN_GRACE =
      define(
          "shutdown.grace",
          positiveDuration(),
          "10s",
          "how long SIGTERM lets in-flight calls finish before workers are stopped");

  public static final ConfigKey<String> POOL_NAME =
      define("pool.name", name(), "default", "name of the worker pool");
  public static final ConfigKey<String> POOL_ADAPTER =
      define(
          "pool.adapter",
          adapter(),
          "snakepit.examples.example_adapter:ExampleAdapter",
          "Python adapter class whose @tool methods the pool serves, as module:Class");
  public static final ConfigKey<PoolProfile> POOL_PROFILE =
      define(
          "pool.profile",
          choice(PoolProfile.class),
          "process",
          "process: a worker runs one call at a time; thread: a worker runs up to pool.threads"
              + " calls at once, for adapters that declare thread_safe = True");
  public static final ConfigKey<Integer> POOL_THREADS =
      define(
          "pool.threads",
          intRange(1, 256),
          "4",
          "how many calls a worker of a thread-profile pool runs at once, each on its own thread");
  public static final ConfigKey<Integer> POOL_SIZE =
      register(
          new ConfigKey<>(
              "pool.size",
              intRange(1, 1024),
              String.valueOf(Runtime.getRuntime().availableProcessors()),
              "number of cores",
              "number of worker processes"));
  public static final ConfigKey<Path> POOL_PYTHON =
      define(
          "pool.python",
          path(),
          "/usr/bin/python3",
          "Python interpreter of the workers; it must be able to import grpc");
  public static final ConfigKey<List<Path>> POOL_PYTHON_PATH =
      define(
          "pool.python-path",
          pathList(),
          "",
          "comma-separated directories put on PYTHONPATH before the runtime, where adapters live");
  public static final ConfigKey<StartMethod> POOL_START_METHOD =
      define(
          "pool.start-method",
          choice(StartMethod.class),
          "fork",
          "fork: workers are forked from one Python process per pool that imported the adapter"
              + " once (a fast start, memory shared); spawn: each worker is a fresh interpreter");
  public static final ConfigKey<Map<String, String>> POOL_LABELS =
      register(
          new ConfigKey<>(
              "pool.labels",
              labels(),
              "",
              "(none)",
              "what the pool offers, as comma-separated name=value labels (gpu=true,memory=16GiB);"
                  + " a call that requires labels runs in a pool that declares them"));
  public static final ConfigKey<Integer> POOL_QUEUE_CAPACITY =
      define(
          "pool.queue-capacity",
          intRange(1, 1_000_000),
          "256",
          "calls that may wait while every worker is busy; more are refused");
  public static final ConfigKey<Duration> POOL_QUEUE_TIMEOUT =
      define(
          "pool.queue-timeout",
          positiveDuration(),
          "5s",
          "how long a call may wait for a free worker before RESOURCE_EXHAUSTED");
  public static final ConfigKey<Duration> POOL_START_TIMEOUT =
      define(
          "pool.start-timeout",
          positiveDuration(),
          "30s",
          "how long a worker may take to become ready");
  public static final ConfigKey<Duration> POOL_RESTART_BACKOFF_INITIAL =
      define(
          "pool.restart-backoff-initial",
          positiveDuration(),
          "200ms",
          "first delay before replacing a worker that died; doubles while replacements fail to start");
  public static final ConfigKey<Duration> POOL_RESTART_BACKOFF_MAX =
      define(
          "pool.restart-backoff-max",
          positiveDuration(),
          "10s",
          "longest delay before replacing a worker that died");

  public static final ConfigKey<OptionalInt> POOL_RECYCLE_AFTER_CALLS =
      define(
          "pool.recycle-after-calls",
          countOrNever(),
          "never",
          "replace a worker after this many calls (a leak's remedy), or never");
  public static final ConfigKey<Optional<Duration>> POOL_MAX_LIFETIME =
      define(
          "pool.max-lifetime",
          durationOrNever(),
          "never",
          "replace a worker older than this, once it is idle, or never");
  public static final ConfigKey<Optional<DataSize>> POOL_MAX_MEMORY =
      define(
          "pool.max-memory",
          sizeOrNever(),
          "never",
          "replace a worker whose resident memory, measured by the Python process, passes this");
  public static final ConfigKey<Duration> POOL_HEARTBEAT_INTERVAL =
      define(
          "pool.heartbeat-interval",
          positiveDuration(),
          "5s",
          "how often idle workers are asked for their health (and memory)");
  public static final ConfigKey<Duration> POOL_HEARTBEAT_TIMEOUT =
      define(
          "pool.heartbeat-timeout",
          positiveDuration(),
          "5s",
          "an idle worker that does not answer its heartbeat within this is killed and replaced");

  public static final ConfigKey<Integer> POOL_MAX_FAILED_STARTS =
      define(
          "pool.max-failed-starts",
          intRange(1, 1000),
          "5",
          "after this many failed starts in a row of every worker, the pool is marked failed");

  public static final ConfigKey<Duration> SESSION_DEFAULT_TTL =
      define(
          "session.default-ttl",
          positiveDuration(),
          "1h",
          "how long an idle session lives when created without a TTL");
  public static final ConfigKey<Duration> SESSION_TOUCH_FLUSH_INTERVAL =
      define(
          "session.touch-flush-interval",
          positiveDuration(),
          "1s",
          "how often reads' last-access times are written to the store; also the TTL's precision");
  public static final ConfigKey<Duration> SESSION_EXPIRY_SWEEP_INTERVAL =
      define(
          "session.expiry-sweep-interval",
          positiveDuration(),
          "30s",
          "how often idle sessions past their TTL are deleted");

  public static final ConfigKey<StoreType> STORE_TYPE =
      define(
          "store.type",
          choice(StoreType.class),
          "embedded",
          "embedded: sessions on this node alone; raft: this node is one replica of a Raft group"
              + " and sees every session of the cluster");
  public static final ConfigKey<Map<String, String>> STORE_RAFT_PEERS =
      register(
          new ConfigKey<>(
              "store.raft.peers",
              peers(),
              "",
              "(none)",
              "every member of the Raft group as comma-separated id=host:port of its Raft port,"
                  + " this node included; the same list on every node; or set"
                  + " store.raft.peers-dns instead"));
  public static final ConfigKey<Optional<String>> STORE_RAFT_PEERS_DNS =
      register(
          new ConfigKey<>(
              "store.raft.peers-dns",
              optionalDnsName(),
              "",
              "(none)",
              "instead of store.raft.peers: a fully qualified DNS name whose SRV records list the"
                  + " peers (a Kubernetes headless service's _raft._tcp.NAME.NAMESPACE.svc..."
                  + " name); each target's first label is that peer's id, its port the Raft port;"
                  + " read once at start"));
  public static final ConfigKey<OptionalInt> STORE_RAFT_EXPECT =
      register(
          new ConfigKey<>(
              "store.raft.expect",
              optionalCount(99),
              "",
              "(none)",
              "with store.raft.peers-dns: how many peers form the group; a new node waits until"
                  + " DNS lists exactly this many, itself among them"));
  public static final ConfigKey<Optional<String>> STORE_RAFT_DNS_SERVER =
      register(
          new ConfigKey<>(
              "store.raft.dns-server",
              optionalHost(),
              "",
              "the system's",
              "host or host:port of the DNS server that store.raft.peers-dns asks; when set,"
                  + " peers are reached at the A record of their target, not its name"));
  public static final ConfigKey<Duration> STORE_RAFT_DISCOVERY_TIMEOUT =
      define(
          "store.raft.discovery-timeout",
          positiveDuration(),
          "5m",
          "how long a node asks DNS for its peers (store.raft.peers-dns) before it gives up");
  public static final ConfigKey<Optional<String>> STORE_RAFT_ID =
      register(
          new ConfigKey<>(
              "store.raft.id",
              optionalName(),
              "",
              "node.id",
              "this node's id in store.raft.peers"));
  public static final ConfigKey<Boolean> STORE_RAFT_JOIN =
      define(
          "store.raft.join",
          bool(),
          "false",
          "this node is not yet a member of the Raft group: its replica waits outside the group"
              + " until a member adds it (snakepit cluster add); store.raft.peers (or DNS) lists"
              + " the group's members and this node");
  public static final ConfigKey<Duration> STORE_RAFT_ELECTION_TIMEOUT =
      define(
          "store.raft.election-timeout",
          positiveDuration(),
          "1s",
          "a follower that hears from no leader for between this and twice this starts an"
              + " election; the same on every node");
  public static final ConfigKey<Boolean> STORE_RAFT_LEASE_READS =
      define(
          "store.raft.lease-reads",
          bool(),
          "false",
          "the leader answers reads from its lease instead of confirming its leadership first:"
              + " faster, but linearizable only while clocks drift less than the lease margin;"
              + " past its lease Ratis 3.3.0 confirms with its ReadIndex, which lets a cut-off"
              + " leader answer stale reads until it steps down");

  public static final ConfigKey<Duration> STORE_RAFT_REQUEST_TIMEOUT =
      define(
          "store.raft.request-timeout",
          positiveDuration(),
          "15s",
          "how long a session call waits for the group (a leader, a majority) before it fails"
              + " UNAVAILABLE; more than a few election timeouts, so that an election does not"
              + " fail calls");

  public static final ConfigKey<Optional<String>> CLUSTER_ADVERTISE_ADDRESS =
      register(
          new ConfigKey<>(
              "cluster.advertise-address",
              optionalHostPort(),
              "",
              "grpc.host:port",
              "host:port at which the other nodes reach this node's API to forward calls to it;"
                  + " with grpc.host 0.0.0.0, the address the machine's name resolves to (a"
                  + " container's or pod's own); set it when that is not where peers reach the"
                  + " node"));
  public static final ConfigKey<Duration> CLUSTER_POLL_INTERVAL =
      define(
          "cluster.poll-interval",
          positiveDuration(),
          "1s",
          "how often the node asks every other node how it is; one that has not answered for"
              + " three intervals counts as dead and its sessions' calls go to their next node");

  public static final ConfigKey<Optional<Path>> SECURITY_TLS_CERTIFICATE =
      register(
          new ConfigKey<>(
              "security.tls.certificate",
              optionalPath(),
              "",
              "(none)",
              "PEM file of this node's certificate chain, its own certificate first; with"
                  + " security.tls.key and security.tls.trust-bundle every port serves TLS, and"
                  + " the nodes talk to each other with mutual TLS"));
  public static final ConfigKey<Optional<Path>> SECURITY_TLS_KEY =
      register(
          new ConfigKey<>(
              "security.tls.key",
              optionalPath(),
              "",
              "(none)",
              "PEM file of the private key of security.tls.certificate, unencrypted PKCS#8;"
                  + " readable by the node's user alone"));
  public static final ConfigKey<Optional<Path>> SECURITY_TLS_TRUST_BUNDLE =
      register(
          new ConfigKey<>(
              "security.tls.trust-bundle",
              optionalPath(),
              "",
              "(none)",
              "PEM file of the CA certificates that sign the cluster's node and client"
                  + " certificates; a certificate no CA of it signed is refused at the handshake"));
  public static final ConfigKey<Duration> SECURITY_TLS_RELOAD_INTERVAL =
      define(
          "security.tls.reload-interval",
          positiveDuration(),
          "1m",
          "how often the TLS files and the token file are read again; once the TLS files changed"
              + " and fit together, new connections on every port get the new certificate,"
              + " without a restart");
  public static final ConfigKey<Optional<Path>> SECURITY_TOKENS_FILE =
      register(
          new ConfigKey<>(
              "security.tokens-file",
              optionalPath(),
              "",
              "(none)",
              "file of the bearer tokens clients may show instead of a certificate, as hashes"
                  + " with a role (snakepit token add writes it); read again when it changes."
                  + " Needs TLS"));
  public static final ConfigKey<Boolean> SECURITY_INSECURE =
      define(
          "security.insecure",
          bool(),
          "false",
          "lets a node listen beyond loopback without TLS, every port plaintext and every caller"
              + " trusted; only for a network nobody else reaches. A node on loopback needs no"
              + " TLS");

  private NodeConfigKeys() {}

  /** Every key, in the order of the configuration reference. */
  public static List<ConfigKey<?>> all() {
    return List.copyOf(ALL);
  }

  /** The settings of one pool, which a further pool may set too: every pool.* key but its name. */
  static List<ConfigKey<?>> poolSettings() {
    return ALL.stream().filter(key -> key.name().startsWith("pool.") && key != POOL_NAME).toList();
  }

  private static <T> ConfigKey<T> define(
      String name, ValueType<T> type, String defaultValue, String description) {
    return register(new ConfigKey<>(name, type, defaultValue, defaultValue, description));
  }

  private static <T> ConfigKey<T> register(ConfigKey<T> key) {
    ALL.add(key);
    return key;
  }
}
