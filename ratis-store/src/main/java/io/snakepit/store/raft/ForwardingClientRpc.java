package io.snakepit.store.raft;

import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/** A Raft client's transport that hands everything to another; layers override what they change. */
abstract class ForwardingClientRpc implements RaftClientRpc {

  protected final RaftClientRpc transport;

  ForwardingClientRpc(RaftClientRpc transport) {
    this.transport = transport;
  }

  @Override
  public CompletableFuture<RaftClientReply> sendRequestAsync(RaftClientRequest request) {
    return transport.sendRequestAsync(request);
  }

  @Override
  public CompletableFuture<RaftClientReply> sendRequestAsyncUnordered(RaftClientRequest request) {
    return transport.sendRequestAsyncUnordered(request);
  }

  @Override
  public RaftClientReply sendRequest(RaftClientRequest request) throws IOException {
    return transport.sendRequest(request);
  }

  @Override
  public boolean handleException(RaftPeerId serverId, Throwable t, boolean reconnect) {
    return transport.handleException(serverId, t, reconnect);
  }

  @Override
  public boolean shouldReconnect(Throwable t) {
    return transport.shouldReconnect(t);
  }

  @Override
  public void addRaftPeers(Collection<RaftPeer> peers) {
    transport.addRaftPeers(peers);
  }

  @Override
  public void close() throws IOException {
    transport.close();
  }
}
