package io.snakepit.node.cli;

import io.snakepit.node.SnakepitNode;
import io.snakepit.node.config.ConfigKey;
import io.snakepit.node.config.LoadedConfig;
import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.config.NodeConfigKeys;
import io.snakepit.node.config.NodeConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Starts a node and keeps it running until the JVM is asked to stop (SIGTERM, Ctrl-C), which drains
 * calls in flight before it exits.
 *
 * <p>The flags are plain texts handed to the config loader as overrides, so that the config
 * validates every source the same way and names the flag in its errors.
 */
@Command(
    name = "start",
    description = {
      "Starts a node. Settings come from defaults, then --config, then SNAKEPIT_* environment"
          + " variables, then these flags."
    })
final class StartCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StartCommand.class);

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "A YAML or properties file.")
  Path configFile;

  @Option(names = "--host", paramLabel = "HOST", description = "Listen address (grpc.host).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", description = "gRPC port, 0 for any (grpc.port).")
  String port;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      description = "Metrics and health port, -1 for none (http.port).")
  String httpPort;

  @Option(names = "--pool-size", paramLabel = "N", description = "Workers (pool.size).")
  String poolSize;

  @Option(
      names = "--adapter",
      paramLabel = "module:Class",
      description = "Python adapter class (pool.adapter).")
  String adapter;

  @Option(
      names = "--python-path",
      paramLabel = "DIR",
      split = ",",
      description = "Directories of user adapters (pool.python-path).")
  List<String> pythonPath;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Store data (data.dir).")
  String dataDir;

  @Option(names = "--node-id", paramLabel = "ID", description = "This node's name (node.id).")
  String nodeId;

  @Override
  public Integer call() throws InterruptedException {
    LoadedConfig loaded =
        NodeConfigLoader.load(Optional.ofNullable(configFile), System.getenv(), overrides());
    loaded.effectiveSettings().forEach(LOG::info);
    NodeConfig config = loaded.config();
    SnakepitNode node = SnakepitNode.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "snakepit-shutdown"));
    CliOutput.of(spec)
        .line(listeningLine(config.nodeId(), config.host(), node.grpcPort(), node.httpPort()));
    node.awaitTermination();
    return 0;
  }

  /** The flags that were given, under their config keys. */
  Map<String, String> overrides() {
    Map<String, String> overrides = new LinkedHashMap<>();
    put(overrides, NodeConfigKeys.GRPC_HOST, host);
    put(overrides, NodeConfigKeys.GRPC_PORT, port);
    put(overrides, NodeConfigKeys.HTTP_PORT, httpPort);
    put(overrides, NodeConfigKeys.POOL_SIZE, poolSize);
    put(overrides, NodeConfigKeys.POOL_ADAPTER, adapter);
    put(
        overrides,
        NodeConfigKeys.POOL_PYTHON_PATH,
        pythonPath == null ? null : String.join(",", pythonPath));
    put(overrides, NodeConfigKeys.DATA_DIR, dataDir);
    put(overrides, NodeConfigKeys.NODE_ID, nodeId);
    return overrides;
  }

  static String listeningLine(String nodeId, String host, int grpcPort, int httpPort) {
    String metrics =
        httpPort < 0 ? "metrics off" : "metrics http://" + hostPort(host, httpPort) + "/metrics";
    return "snakepit node '%s' listening on %s (%s)"
        .formatted(nodeId, hostPort(host, grpcPort), metrics);
  }

  private static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  private static void put(Map<String, String> overrides, ConfigKey<?> key, String value) {
    if (value != null) {
      overrides.put(key.name(), value);
    }
  }
}
