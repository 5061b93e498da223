package io.snakepit.node.execute;

import io.snakepit.api.v1.ToolInfo;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.pool.WorkerPool;
import io.snakepit.worker.v1.DescribeResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The node's pools by name, and the tools each offers. */
public final class PoolRegistry {

  private final Map<String, WorkerPool> pools = new LinkedHashMap<>();
  private final String defaultPool;

  public PoolRegistry(List<WorkerPool> pools, String defaultPool) {
    pools.forEach(pool -> this.pools.put(pool.name(), pool));
    this.defaultPool = defaultPool;
  }

  public List<WorkerPool> all() {
    return List.copyOf(pools.values());
  }

  /** The pool and tool a call names (the default pool when it names none). */
  ToolTarget resolve(String poolName, String toolName) {
    if (toolName.isEmpty()) {
      throw new NodeException.BadRequest("tool is required");
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
        .map(tool -> new ToolTarget(pool, tool))
        .orElseThrow(
            () ->
                new NodeException.NotFound(
                    "pool " + pool.name() + " has no tool '" + toolName + "'"));
  }

  /** Every tool of the named pool, or of every pool when the name is empty. */
  public List<ToolInfo> tools(String poolName) {
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
    return tools;
  }

  private WorkerPool pool(String name) {
    WorkerPool pool = pools.get(name);
    if (pool == null) {
      throw new NodeException.NotFound("no pool named '" + name + "'; pools: " + pools.keySet());
    }
    return pool;
  }

  record ToolTarget(WorkerPool pool, ToolInfo tool) {}
}
