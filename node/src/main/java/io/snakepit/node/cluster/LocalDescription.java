package io.snakepit.node.cluster;

import io.snakepit.api.v1.NodeDescription;
import io.snakepit.api.v1.PoolDescription;
import io.snakepit.node.execute.PoolRegistry;
import io.snakepit.node.pool.WorkerPool;
import java.util.function.Supplier;

/** This node's pools as the other nodes' routing sees them: names, load and capacity. */
public final class LocalDescription implements Supplier<NodeDescription> {

  private final String nodeId;
  private final PoolRegistry pools;

  public LocalDescription(String nodeId, PoolRegistry pools) {
    this.nodeId = nodeId;
    this.pools = pools;
  }

  @Override
  public NodeDescription get() {
    NodeDescription.Builder description = NodeDescription.newBuilder().setNodeId(nodeId);
    for (WorkerPool pool : pools.all()) {
      description.addPools(
          PoolDescription.newBuilder()
              .setName(pool.name())
              .putAllLabels(pool.config().labels())
              .setBusy(pool.callsRunningOrQueued())
              .setCapacity(pool.capacity()));
    }
    return description.build();
  }
}
