package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.TimeoutIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over a transport whose reconnects block, as gRPC's graceful close does while a call to a replica
 * behind a partition stays open.
 */
class BackgroundReconnectsTest {

  private static final RaftPeerId N2 = RaftPeerId.valueOf("n2");

  private final SlowToReconnect transport = new SlowToReconnect();
  private final BackgroundReconnects rpc = new BackgroundReconnects(transport);

  @AfterEach
  void close() throws IOException {
    transport.closed.countDown();
    rpc.close();
  }

  @Test
  void aReconnectRunsInTheBackgroundWhileTheCallerGoesOn() throws Exception {
    TimeoutIOException unanswered = new TimeoutIOException("no answer from n2", null);

    assertThat(handle(unanswered, true)).isTrue();

    assertThat(transport.reconnecting.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(transport.reconnected).isEmpty();
    transport.closed.countDown();
    assertThat(transport.done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(transport.reconnected).containsExactly(N2);
  }

  @Test
  void aFailureTheTransportWouldNotReconnectForIsLeftAlone() throws Exception {
    assertThat(handle(new IllegalStateException("not a connection's"), false)).isFalse();
    assertThat(transport.reconnecting.getCount()).isOne();
  }

  /** On another thread, so that a caller left waiting fails the test instead of hanging it. */
  private boolean handle(Throwable failure, boolean reconnect) throws Exception {
    return CompletableFuture.supplyAsync(() -> rpc.handleException(N2, failure, reconnect))
        .get(10, TimeUnit.SECONDS);
  }

  /** Reconnects only once told that the connection closed; reconnects for I/O failures only. */
  private static final class SlowToReconnect implements RaftClientRpc {
    private final CountDownLatch reconnecting = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<RaftPeerId> reconnected = new CopyOnWriteArrayList<>();

    @Override
    public boolean handleException(RaftPeerId serverId, Throwable t, boolean reconnect) {
      reconnecting.countDown();
      try {
        closed.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      reconnected.add(serverId);
      done.countDown();
      return true;
    }

    @Override
    public boolean shouldReconnect(Throwable t) {
      return t instanceof IOException;
    }

    @Override
    public RaftClientReply sendRequest(RaftClientRequest request) throws IOException {
      throw new IOException("not sent in these tests");
    }

    @Override
    public void addRaftPeers(Collection<RaftPeer> peers) {}

    @Override
    public void close() {}
  }
}
