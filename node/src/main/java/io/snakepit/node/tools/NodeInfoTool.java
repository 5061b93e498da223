package io.snakepit.node.tools;

import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.config.PoolConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A built-in Java tool: the node's id and its pools, so that a Python tool can find out where to
 * send a call.
 */
public final class NodeInfoTool implements JavaTool {

  private final NodeConfig config;

  public NodeInfoTool(NodeConfig config) {
    this.config = config;
  }

  @Override
  public String name() {
    return "node_info";
  }

  @Override
  public String description() {
    return "The node's id and its pools: name, adapter, profile, workers and calls per worker.";
  }

  @Override
  public String parametersSchema() {
    return "{\"type\": \"object\", \"properties\": {}, \"additionalProperties\": false}";
  }

  @Override
  public Object call(JavaToolCall call) {
    if (!call.args().isEmpty()) {
      throw new IllegalArgumentException(
          "node_info takes no arguments, got " + call.args().keySet());
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("node_id", config.nodeId());
    info.put("default_pool", config.pool().name());
    info.put("pools", config.pools().stream().map(NodeInfoTool::describe).toList());
    return info;
  }

  private static Map<String, Object> describe(PoolConfig pool) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("name", pool.name());
    described.put("adapter", pool.adapter());
    described.put("profile", pool.profile().name().toLowerCase(Locale.ROOT));
    described.put("size", pool.size());
    described.put("calls_per_worker", pool.concurrentCalls());
    return described;
  }
}
