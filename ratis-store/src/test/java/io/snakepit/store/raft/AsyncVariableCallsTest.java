package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.api.v1.Value;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.Variable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Raft store's variable calls without waiting, which the node makes on its network threads:
 * they must return before the group answers.
 */
class AsyncVariableCallsTest {

  @Test
  void theyReturnWhileTheGroupCannotAnswerAndCompleteOnceItCan(@TempDir Path root)
      throws Exception {
    try (RaftTestCluster cluster = RaftTestCluster.start(root, 3, config -> config)) {
      String leader = cluster.awaitLeader();
      RaftSessionStore store = cluster.store(leader);
      store.create("s1", SessionOptions.withTtl(Duration.ZERO));
      List<String> followers = cluster.peerIds().stream().filter(id -> !id.equals(leader)).toList();
      // Without a majority, the group can neither commit a write nor confirm a read.
      followers.forEach(cluster::stopPeer);

      CompletableFuture<Variable> put =
          store.putVariableAsync(
              "s1",
              "x",
              Value.newBuilder().setIntValue(1).build(),
              OptionalLong.of(0),
              Optional.empty());
      CompletableFuture<Variable> get = store.getVariableAsync("s1", "x");

      assertThat(store.variableCallsReturnAtOnce()).isTrue();
      assertThat(put).isNotDone();
      assertThat(get).isNotDone();

      cluster.startPeer(followers.get(0));
      assertThat(put.get(1, TimeUnit.MINUTES).version()).isEqualTo(1);
      assertThat(store.getVariable("s1", "x").value().getIntValue()).isEqualTo(1);
    }
  }
}
