package io.snakepit.node.execute;

import io.snakepit.api.v1.ToolInfo;
import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.pool.WorkerPool;
import io.snakepit.worker.v1.DescribeResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The node's pools by name, and the tools each offers; the node's Java tools are listed and called
 * as the pool {@value NodeConfig#JAVA_TOOLS_POOL}.
 */
public final class PoolRegistry {

  private final Map<String, WorkerPool> pools = new LinkedHashMap<>();
  private final String defaultPool;
  private final JavaTools javaTools;

  public PoolRegistry(List<WorkerPool> pools, String defaultPool, JavaTools javaTools) {
    pools.forEach(pool -> this.pools.put(pool.name(), pool));
    this.defaultPool = defaultPool;
    this.javaTools = javaTools;
  }

  /** The worker pools. */
  public List<WorkerPool> all() {
    return List.copyOf(pools.values());
  }

  /** The pool and tool a call names (the default pool when it names none). */
  ToolTarget resolve(String poolName, String toolName) {
    if (toolName.isEmpty()) {
      throw new NodeException.BadRequest("tool is required");
    }
    if (poolName.equals(NodeConfig.JAVA_TOOLS_POOL)) {
      return javaTools
          .find(toolName)
          .map(ToolTarget.InJava::new)
          .orElseThrow(() -> noSuchTool(NodeConfig.JAVA_TOOLS_POOL, toolName));
    }
    WorkerPool pool = pool(poolName.isEmpty() ? defaultPool : poolName);
    DescribeResponse description =
        pool.description()
            .orElseThrow(
                () ->
                    new NodeException.WorkerUnavailable(
                        "pool " + pool.name() + " has no worker ready yet"));
    return description.getToolsList().stream()
        .filter(tool -> tool.getName().equals(toolName))
        .findFirst()
        .<ToolTarget>map(tool -> new ToolTarget.InPool(pool, tool))
        .orElseThrow(() -> noSuchTool(pool.name(), toolName));
  }

  /** Every tool of the named pool, or of every pool when the name is empty. */
  public List<ToolInfo> tools(String poolName) {
    if (poolName.equals(NodeConfig.JAVA_TOOLS_POOL)) {
      return javaTools.describe();
    }
    List<WorkerPool> selected = poolName.isEmpty() ? all() : List.of(pool(poolName));
    List<ToolInfo> tools = new ArrayList<>();
    for (WorkerPool pool : selected) {
      pool.description()
          .ifPresent(
              description ->
                  description
                      .getToolsList()
                      .forEach(tool -> tools.add(tool.toBuilder().setPool(pool.name()).build())));
    }
    if (poolName.isEmpty()) {
      tools.addAll(javaTools.describe());
    }
    return tools;
  }

  private WorkerPool pool(String name) {
    WorkerPool pool = pools.get(name);
    if (pool == null) {
      Set<String> known = new LinkedHashSet<>(pools.keySet());
      known.add(NodeConfig.JAVA_TOOLS_POOL);
      throw new NodeException.NotFound("no pool named '" + name + "'; pools: " + known);
    }
    return pool;
  }

  private static NodeException noSuchTool(String pool, String tool) {
    return new NodeException.NotFound("pool " + pool + " has no tool '" + tool + "'");
  }
}
