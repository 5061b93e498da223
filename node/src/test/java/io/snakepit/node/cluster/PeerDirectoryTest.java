package io.snakepit.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.InsecureChannelCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.snakepit.api.v1.NodeDescription;
import io.snakepit.router.Member;
import io.snakepit.store.embedded.EmbeddedSessionStore;
import io.snakepit.store.embedded.EmbeddedStoreConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which registered nodes make up the ring, as the store's group changes. */
class PeerDirectoryTest {

  @TempDir Path dir;
  private EmbeddedSessionStore store;
  private PeerChannels channels;
  private final AtomicReference<Set<String>> group = new AtomicReference<>(Set.of());
  private PeerDirectory directory;

  @BeforeEach
  void registerNodes() {
    store = EmbeddedSessionStore.open(EmbeddedStoreConfig.defaults(dir));
    // Nobody listens there: the nodes stay registered but not live.
    store.registerNode("b", "127.0.0.1:1");
    store.registerNode("d", "127.0.0.1:2");
    channels = new PeerChannels("a", 1024 * 1024, InsecureChannelCredentials.create());
    directory =
        new PeerDirectory(
            "a",
            () -> "127.0.0.1:3",
            store,
            channels,
            NodeDescription::getDefaultInstance,
            Duration.ofSeconds(1),
            Clock.systemUTC(),
            group::get);
    directory.poll();
  }

  @AfterEach
  void close() {
    channels.close();
    store.close();
  }

  @Test
  void theRingHoldsOnlyRegisteredNodesThatAreMembersOfTheGroup() {
    group.set(Set.of("a", "b"));
    assertThat(directory.members()).extracting(Member::id).containsExactly("a", "b");

    group.set(Set.of("a", "b", "d"));
    assertThat(directory.members()).extracting(Member::id).containsExactly("a", "b", "d");
  }

  @Test
  void aRegisteredNodeIsLiveOnlyWhenItIsTheNodeThatAnswersAtItsAddress() throws Exception {
    Server itself = describing("b");
    // As when d registered a wildcard address and its peers reach themselves there.
    Server another = describing("a");
    try {
      store.registerNode("b", "127.0.0.1:" + itself.getPort());
      store.registerNode("d", "127.0.0.1:" + another.getPort());
      group.set(Set.of("a", "b", "d"));

      directory.poll();

      await().atMost(Duration.ofSeconds(10)).until(() -> live(directory).contains("b"));
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> live(directory).equals(List.of("a", "b")));
    } finally {
      itself.shutdownNow();
      another.shutdownNow();
    }
  }

  private static Server describing(String nodeId) throws IOException {
    return ServerBuilder.forPort(0)
        .addService(new PeerService(() -> NodeDescription.newBuilder().setNodeId(nodeId).build()))
        .build()
        .start();
  }

  private static List<String> live(PeerDirectory directory) {
    return directory.members().stream().filter(Member::live).map(Member::id).toList();
  }

  @Test
  void withoutThisNodeAmongTheMembersEveryRegisteredNodeCounts() {
    group.set(Set.of());
    assertThat(directory.members()).extracting(Member::id).containsExactly("a", "b", "d");

    // A node waiting to join: its replica's group does not have it yet.
    group.set(Set.of("b"));
    assertThat(directory.members()).extracting(Member::id).containsExactly("a", "b", "d");
  }
}
