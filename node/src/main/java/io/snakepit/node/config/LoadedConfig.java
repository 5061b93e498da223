package io.snakepit.node.config;

import java.util.List;

/**
 * A node's configuration and how it came about.
 *
 * @param config the validated configuration
 * @param effectiveSettings one line per key, such as {@code grpc.port = 50051 (default)}, to log
 *     once at start
 */
public record LoadedConfig(NodeConfig config, List<String> effectiveSettings) {

  public LoadedConfig {
    effectiveSettings = List.copyOf(effectiveSettings);
  }
}
