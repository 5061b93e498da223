package io.snakepit.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeConfigLoaderTest {

  @TempDir Path dir;

  private static LoadedConfig load(
      Optional<Path> file, Map<String, String> environment, Map<String, String> overrides) {
    return NodeConfigLoader.load(file, environment, overrides);
  }

  private static NodeConfig withOverrides(Map<String, String> overrides) {
    return load(Optional.empty(), Map.of(), overrides).config();
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    NodeConfig config = withOverrides(Map.of());

    assertThat(config.nodeId()).isEqualTo("local");
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(50051);
    assertThat(config.httpPort()).isEqualTo(9095);
    assertThat(config.dataDir()).isEqualTo(Path.of(".snakepit/data"));
    assertThat(config.runDir()).isEqualTo(Path.of("/tmp/snakepit"));
    assertThat(config.maxMessageSize()).isEqualTo(DataSize.ofMebibytes(16));
    assertThat(config.defaultCallTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));

    PoolConfig pool = config.pool();
    assertThat(pool.name()).isEqualTo("default");
    assertThat(pool.adapter()).isEqualTo("snakepit.examples.example_adapter:ExampleAdapter");
    assertThat(pool.size()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(pool.python()).isEqualTo(Path.of("/usr/bin/python3"));
    assertThat(pool.pythonPath()).isEmpty();
    assertThat(pool.queueCapacity()).isEqualTo(256);
    assertThat(pool.queueTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(pool.startTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(pool.restartBackoffInitial()).isEqualTo(Duration.ofMillis(200));
    assertThat(pool.restartBackoffMax()).isEqualTo(Duration.ofSeconds(10));
    assertThat(pool.startMethod()).isEqualTo(StartMethod.FORK);

    SessionConfig sessions = config.sessions();
    assertThat(sessions.defaultTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(sessions.touchFlushInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(sessions.expirySweepInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void eachSourceOverridesTheOnesBeforeIt() throws IOException {
    Path yaml =
        file(
            "node.yaml",
            """
            grpc:
              port: 6000
              host: 0.0.0.0
            http.port: 7000
            node.id: from-file
            """);
    Map<String, String> environment =
        Map.of("SNAKEPIT_GRPC_PORT", "6001", "SNAKEPIT_HTTP_PORT", "7001");
    Map<String, String> flags = Map.of("grpc.port", "6002");

    NodeConfig config = load(Optional.of(yaml), environment, flags).config();

    assertThat(config.port()).isEqualTo(6002);
    assertThat(config.httpPort()).isEqualTo(7001);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.nodeId()).isEqualTo("from-file");
    assertThat(config.pool().queueCapacity()).isEqualTo(256);
  }

  @Test
  void yamlNestingBecomesDottedKeysAndListsBecomeCommaSeparated() throws IOException {
    Path yaml =
        file(
            "node.yml",
            """
            pool:
              size: 3
              queue-timeout: 250ms
              python-path: [/opt/a, /opt/b]
            session:
              default-ttl: PT2H
            """);

    NodeConfig config = load(Optional.of(yaml), Map.of(), Map.of()).config();

    assertThat(config.pool().size()).isEqualTo(3);
    assertThat(config.pool().queueTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.pool().pythonPath()).containsExactly(Path.of("/opt/a"), Path.of("/opt/b"));
    assertThat(config.sessions().defaultTtl()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void yamlNestingAtAHyphenIsAnUnknownKey() throws IOException {
    Path yaml = file("node.yaml", "pool:\n  restart-backoff:\n    initial: 1s\n");

    assertThatThrownBy(() -> load(Optional.of(yaml), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("\"pool.restart-backoff.initial\"");
  }

  @Test
  void yamlSettingOneKeyTwiceIsRefused() throws IOException {
    Path yaml = file("node.yaml", "grpc.port: 1\ngrpc:\n  port: 2\n");

    assertThatThrownBy(() -> load(Optional.of(yaml), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("grpc.port twice");
  }

  @Test
  void emptyYamlFileChangesNothing() throws IOException {
    Path yaml = file("empty.yaml", "");

    assertThat(load(Optional.of(yaml), Map.of(), Map.of()).config())
        .isEqualTo(withOverrides(Map.of()));
  }

  @Test
  void propertiesFileIsRead() throws IOException {
    Path properties =
        file(
            "node.properties",
            "pool.adapter = my_pkg.tools:Tools\npool.python-path=/srv/a, /srv/b\n"
                + "grpc.max-message-size=512KiB\n");

    NodeConfig config = load(Optional.of(properties), Map.of(), Map.of()).config();

    assertThat(config.pool().adapter()).isEqualTo("my_pkg.tools:Tools");
    assertThat(config.pool().pythonPath()).containsExactly(Path.of("/srv/a"), Path.of("/srv/b"));
    assertThat(config.maxMessageSize()).isEqualTo(new DataSize(512 * 1024));
  }

  @Test
  void environmentVariablesAreNamedAfterTheKeys() {
    Map<String, String> environment =
        Map.of(
            "SNAKEPIT_POOL_QUEUE_TIMEOUT", "2m",
            "SNAKEPIT_SESSION_TOUCH_FLUSH_INTERVAL", "5s",
            "SNAKEPIT_RUN_ID", "not a key, ignored",
            "PATH", "/usr/bin");

    NodeConfig config = load(Optional.empty(), environment, Map.of()).config();

    assertThat(config.pool().queueTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.sessions().touchFlushInterval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void unknownOverrideNamesTheKeyAndTheValidOnes() {
    assertThatThrownBy(() -> withOverrides(Map.of("grpc.prot", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key \"grpc.prot\" in command-line flags")
        .hasMessageContaining("valid keys are: node.id, grpc.host, grpc.port");
  }

  @Test
  void unknownKeyInFileNamesTheFile() throws IOException {
    Path properties = file("node.properties", "pool.sise=4\n");

    assertThatThrownBy(() -> load(Optional.of(properties), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("\"pool.sise\" in config file " + properties);
  }

  @Test
  void badPortSaysWhereItCameFromAndWhatIsExpected() {
    assertThatThrownBy(
            () -> load(Optional.empty(), Map.of("SNAKEPIT_GRPC_PORT", "70000"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "bad value for grpc.port from environment variable SNAKEPIT_GRPC_PORT: \"70000\";"
                + " expected an integer from 0 to 65535");
  }

  @Test
  void httpMayBeTurnedOffButGrpcMayNot() {
    assertThat(withOverrides(Map.of("http.port", "-1")).httpPort()).isEqualTo(-1);
    assertThatThrownBy(() -> withOverrides(Map.of("grpc.port", "-1")))
        .hasMessageContaining("grpc.port");
  }

  @Test
  void badDurationIsRefused() {
    assertThatThrownBy(() -> withOverrides(Map.of("pool.queue-timeout", "5 seconds")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pool.queue-timeout")
        .hasMessageContaining("\"5 seconds\"")
        .hasMessageContaining("expected a positive duration such as 500ms");
  }

  @Test
  void zeroDurationIsRefused() {
    assertThatThrownBy(() -> withOverrides(Map.of("shutdown.grace", "0s")))
        .hasMessageContaining("shutdown.grace");
  }

  @Test
  void badSizeIsRefused() {
    assertThatThrownBy(() -> withOverrides(Map.of("grpc.max-message-size", "16MB")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("grpc.max-message-size")
        .hasMessageContaining("expected a positive size such as 16MiB");
  }

  @Test
  void poolSizeAndAdapterAreValidated() {
    assertThatThrownBy(() -> withOverrides(Map.of("pool.size", "0")))
        .hasMessageContaining("expected an integer from 1 to 1024");
    assertThatThrownBy(() -> withOverrides(Map.of("pool.adapter", "my_pkg.tools.Tools")))
        .hasMessageContaining("expected a Python class as module:Class");
  }

  @Test
  void restartBackoffMaxBelowInitialIsRefused() {
    assertThatThrownBy(() -> withOverrides(Map.of("pool.restart-backoff-initial", "1m")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pool.restart-backoff-max")
        .hasMessageContaining("pool.restart-backoff-initial");
  }

  @Test
  void unreadableOrUnsupportedFilesAreRefused() throws IOException {
    Path missing = dir.resolve("missing.yaml");
    Path json = file("node.json", "{}");
    Path list = file("list.yaml", "- a\n- b\n");

    assertThatThrownBy(() -> load(Optional.of(missing), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read config file " + missing);
    assertThatThrownBy(() -> load(Optional.of(json), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must end in .yaml, .yml or .properties");
    assertThatThrownBy(() -> load(Optional.of(list), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must hold a mapping");
  }

  @Test
  void effectiveSettingsShowEveryKeyWithItsSource() throws IOException {
    Path yaml = file("node.yaml", "pool:\n  size: 4\n");

    List<String> lines =
        load(
                Optional.of(yaml),
                Map.of("SNAKEPIT_HTTP_PORT", "0"),
                Map.of("pool.queue-timeout", "1s"))
            .effectiveSettings();

    assertThat(lines)
        .hasSize(NodeConfigKeys.all().size())
        .startsWith("node.id = local (default)", "grpc.host = 127.0.0.1 (default)")
        .contains(
            "grpc.port = 50051 (default)",
            "http.port = 0 (env)",
            "pool.size = 4 (file)",
            "pool.queue-timeout = 1s (flag)",
            "pool.python-path =  (default)");
  }

  @Test
  void poolLabelsAreNameValuePairsAndNoneByDefault() {
    assertThat(withOverrides(Map.of()).pool().labels()).isEmpty();
    assertThat(withOverrides(Map.of("pool.labels", "gpu=true, memory=16GiB")).pool().labels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("gpu", "true", "memory", "16GiB"));
    assertThatThrownBy(() -> withOverrides(Map.of("pool.labels", "gpu")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pool.labels")
        .hasMessageContaining("expected comma-separated name=value labels");
  }

  @Test
  void workersAreSpawnedOnlyWhenAsked() {
    assertThat(withOverrides(Map.of("pool.start-method", "spawn")).pool().startMethod())
        .isEqualTo(StartMethod.SPAWN);
    assertThatThrownBy(() -> withOverrides(Map.of("pool.start-method", "exec")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pool.start-method")
        .hasMessageContaining("expected one of fork, spawn");
  }

  @Test
  void describeKeysListsEveryKeyOnceWithItsVariable() {
    List<KeyDescription> rows = NodeConfigLoader.describeKeys();

    assertThat(rows).extracting(KeyDescription::key).doesNotHaveDuplicates().hasSize(51);
    assertThat(rows).allSatisfy(row -> assertThat(row.description()).isNotBlank());
    assertThat(rows)
        .contains(
            new KeyDescription(
                "pool.queue-timeout",
                "SNAKEPIT_POOL_QUEUE_TIMEOUT",
                "5s",
                "how long a call may wait for a free worker before RESOURCE_EXHAUSTED"))
        .filteredOn(row -> row.key().equals("pool.size"))
        .extracting(KeyDescription::defaultValue)
        .containsExactly("number of cores");
  }

  @Test
  void furtherPoolsAreDeclaredByTheirSettingsAndTakeTheDefaultPoolsForTheRest() throws IOException {
    Path yaml =
        file(
            "node.yaml",
            """
            pool:
              size: 3
              queue-timeout: 2s
            pools:
              io:
                adapter: my_pkg.io:Io
                profile: thread
                threads: 8
                python: /opt/venv/bin/python3
              math:
                adapter: my_pkg.math:Math
            """);

    LoadedConfig loaded =
        load(Optional.of(yaml), Map.of("SNAKEPIT_POOLS_MATH_SIZE", "1"), Map.of());
    List<PoolConfig> pools = loaded.config().pools();

    assertThat(pools).extracting(PoolConfig::name).containsExactly("default", "io", "math");
    PoolConfig io = pools.get(1);
    assertThat(io.adapter()).isEqualTo("my_pkg.io:Io");
    assertThat(io.profile()).isEqualTo(PoolProfile.THREAD);
    assertThat(io.concurrentCalls()).isEqualTo(8);
    assertThat(io.python()).isEqualTo(Path.of("/opt/venv/bin/python3"));
    assertThat(io.size()).isEqualTo(3);
    assertThat(io.queueTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(pools.get(2).size()).isEqualTo(1);
    assertThat(pools.get(2).concurrentCalls()).isEqualTo(1);
    assertThat(loaded.config().pool()).isSameAs(pools.get(0));
    assertThat(loaded.effectiveSettings())
        .contains(
            "pools.io.adapter = my_pkg.io:Io (file)",
            "pools.io.size = 3 (as pool.size)",
            "pools.math.size = 1 (env)");
  }

  @Test
  void flagsMayDeclareAFurtherPool() {
    NodeConfig config = withOverrides(Map.of("pools.gpu.adapter", "my_pkg.gpu:Gpu"));

    assertThat(config.pools()).extracting(PoolConfig::name).containsExactly("default", "gpu");
  }

  @Test
  void aFurtherPoolsUnknownSettingOrBadNameIsRefused() {
    assertThatThrownBy(() -> withOverrides(Map.of("pools.io.sise", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown configuration key \"pools.io.sise\"")
        .hasMessageContaining("pools.io.size");
    assertThatThrownBy(() -> withOverrides(Map.of("pools.io.name", "other")))
        .hasMessageContaining("unknown configuration key \"pools.io.name\"");
    assertThatThrownBy(() -> withOverrides(Map.of("pools.i o.size", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bad pool name \"i o\"");
    assertThatThrownBy(() -> withOverrides(Map.of("pools.io", "x")))
        .hasMessageContaining("unknown configuration key \"pools.io\"");
    assertThatThrownBy(() -> withOverrides(Map.of("pools.io.size", "0")))
        .hasMessageContaining("bad value for pools.io.size from command-line flags");
  }

  @Test
  void poolNamesAreDistinctAndJavaIsTakenByTheJavaTools() {
    assertThatThrownBy(() -> withOverrides(Map.of("pools.default.size", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("two pools are named default");
    assertThatThrownBy(() -> withOverrides(Map.of("pools.java.size", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("java is reserved for the node's Java tools");
    assertThatThrownBy(() -> withOverrides(Map.of("pool.name", "java")))
        .hasMessageContaining("reserved");
  }

  @Test
  void aFurtherPoolsCrossKeyRuleNamesThePool() {
    assertThatThrownBy(() -> withOverrides(Map.of("pools.io.restart-backoff-initial", "1m")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("pool io: ")
        .hasMessageContaining("restart-backoff-max");
  }

  @Test
  void lifecycleLimitsAreNeverByDefaultAndTakeNeverOrAPositiveValue() {
    WorkerLifecycle defaults =
        NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of()).config().pool().lifecycle();
    assertThat(defaults.recycleAfterCalls()).isEmpty();
    assertThat(defaults.maxLifetime()).isEmpty();
    assertThat(defaults.maxMemory()).isEmpty();

    WorkerLifecycle set =
        NodeConfigLoader.load(
                Optional.empty(),
                Map.of(),
                Map.of(
                    "pool.recycle-after-calls", "1000",
                    "pool.max-lifetime", "1h",
                    "pool.max-memory", "512MiB"))
            .config()
            .pool()
            .lifecycle();
    assertThat(set.recycleAfterCalls()).hasValue(1000);
    assertThat(set.maxLifetime()).contains(Duration.ofHours(1));
    assertThat(set.maxMemory()).contains(DataSize.ofMebibytes(512));

    assertThatThrownBy(
            () ->
                NodeConfigLoader.load(
                    Optional.empty(), Map.of(), Map.of("pool.recycle-after-calls", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pool.recycle-after-calls")
        .hasMessageContaining("never, or an integer from 1");
  }
}
