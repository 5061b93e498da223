package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.SessionOptions;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalReadsTest {

  private static final Message GET_S1 = Messages.of(Query.newBuilder().setGetSession("s1").build());

  @Test
  void everyReplicaAnswersWithWhatWasJustWrittenThroughAnother(@TempDir Path root)
      throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      String writer = cluster.peerIds().stream().filter(id -> !id.equals(leader)).findFirst().get();
      cluster.store(writer).create("s1", new SessionOptions(Map.of("by", writer), Duration.ZERO));

      for (String replica : cluster.peerIds()) {
        LocalReads reads = new LocalReads(cluster.store(replica).server(), RaftTestCluster.WAIT);
        RaftClientReply reply = reads.read(GET_S1).orElseThrow();
        assertThat(Messages.parse(Reply.parser(), reply.getMessage().getContent()))
            .as("read at %s", replica)
            .extracting(answer -> answer.getSession().getMetadataMap())
            .isEqualTo(Map.of("by", writer));
      }
    }
  }

  @Test
  void aReplicaCutOffFromTheMajorityGivesNoAnswerRatherThanAStaleOne(@TempDir Path root)
      throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      cluster.store("n0").create("s1", new SessionOptions(Map.of(), Duration.ZERO));
      cluster.stopPeer("n1");
      cluster.stopPeer("n2");

      Optional<RaftClientReply> reply =
          new LocalReads(cluster.store("n0").server(), Duration.ofSeconds(2)).read(GET_S1);

      assertThat(reply).isEmpty();
    }
  }
}
