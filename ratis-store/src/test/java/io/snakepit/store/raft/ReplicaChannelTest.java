package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.io.grpc.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaChannelTest {

  @TempDir Path root;

  /**
   * A leader serving a forwarded read starts its round of term probes inside that call; once the
   * read is answered its context is cancelled, which cancelled every probe of the round with it (in
   * groups of five, every read then waited for the round's deadline).
   */
  @Test
  void aCallStartedWhileServingACancelledCallIsNotCancelledWithIt() throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config);
        ReplicaChannel channel =
            new ReplicaChannel(
                RaftPeerId.valueOf("test"),
                peer(cluster),
                ReplicaNetwork.plaintextOnEveryInterface())) {
      String leader = cluster.awaitLeader();
      Context.CancellableContext served = Context.current().withCancellation();
      served.cancel(null);

      long term =
          served
              .call(() -> channel.currentTerm(Duration.ofSeconds(10)))
              .get(RaftTestCluster.WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(term).isEqualTo(cluster.currentTerm(leader));
    }
  }

  private static RaftPeer peer(RaftTestCluster cluster) throws IOException {
    String id = cluster.peerIds().get(0);
    return RaftPeer.newBuilder().setId(id).setAddress(cluster.address(id)).build();
  }
}
