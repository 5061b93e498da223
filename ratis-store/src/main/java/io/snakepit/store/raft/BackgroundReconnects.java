package io.snakepit.store.raft;

import io.snakepit.store.common.DaemonThreads;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * A Raft client's transport that reconnects to a replica in the background. When a call to a
 * replica fails, or answers that another leads, Ratis's client closes its connection to that
 * replica before it tries the next one, and gRPC's graceful close waits up to 3 s for the calls
 * still open on it (Ratis's {@code GrpcUtil.shutdownManagedChannel}). To a replica behind a
 * partition, whose calls never end, that held every call of the node 3 s more after a new leader
 * was known. The next attempt needs nothing from the close, so it runs on a thread of its own.
 */
final class BackgroundReconnects extends ForwardingClientRpc {

  private final ExecutorService reconnects =
      Executors.newCachedThreadPool(DaemonThreads.named("snakepit-raft-reconnect"));

  BackgroundReconnects(RaftClientRpc transport) {
    super(transport);
  }

  /** Returns at once; whether to reconnect is decided as the transport would. */
  @Override
  public boolean handleException(RaftPeerId serverId, Throwable t, boolean reconnect) {
    if (!reconnect && !transport.shouldReconnect(t)) {
      return false;
    }
    reconnects.execute(() -> transport.handleException(serverId, t, reconnect));
    return true;
  }

  @Override
  public void close() throws IOException {
    reconnects.shutdownNow();
    super.close();
  }
}
