package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.snakepit.client.ConflictException;
import io.snakepit.client.SnakepitClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes sharing the Raft session store. The SDK's first endpoint is a fault injector
 * in front of node a that loses the replies of writes a applied; the SDK retries on node b, and the
 * replicated store applies each write once.
 */
class LostReplyRaftIT {

  @TempDir Path dir;
  private RaftNodes nodes;
  private Server proxy;

  @BeforeEach
  void startNodes() {
    nodes = new RaftNodes(dir, List.of("a", "b", "c"));
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (proxy != null) {
      proxy.shutdownNow().awaitTermination();
    }
    nodes.close();
  }

  /** First the dropper in front of node a, then {@code next}. */
  private SnakepitClient clientBehindTheDropper(NodeProcess next) {
    return SnakepitClient.builder()
        .targets(List.of("127.0.0.1:" + proxy.getPort(), next.target()))
        .build();
  }

  @Test
  void aWriteWhoseReplyWasLostIsRetriedOnAnotherNodeAndAppliedOnce() throws Exception {
    NodeProcess a = nodes.start("a");
    NodeProcess b = nodes.start("b");
    NodeProcess c = nodes.start("c");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                List.of(a, b, c).stream()
                    .allMatch(n -> RaftNodes.health(n) == ServingStatus.SERVING));
    ReplyDropper dropper = new ReplyDropper(a::blocking);
    proxy =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(dropper)
            .build()
            .start();

    try (SnakepitClient direct = SnakepitClient.connect(c.target());
        SnakepitClient client = clientBehindTheDropper(b)) {
      direct.createSession("s1");

      assertThat(client.putVariable("s1", "x", "once", 0)).isEqualTo(1);
      assertThat(direct.getVariable("s1", "x").version()).isEqualTo(1);
      assertThat(dropper.forwarded("s1")).hasSize(1);

      // A compare-and-set that lost on a, whose failure was lost too, loses again on b.
      try (SnakepitClient again = clientBehindTheDropper(b)) {
        assertThatThrownBy(() -> again.putVariable("s1", "x", "late", 5))
            .isInstanceOf(ConflictException.class);
      }
      assertThat(dropper.forwarded("s1")).hasSize(2);
      assertThat(direct.getVariable("s1", "x").version()).isEqualTo(1);
    }
  }
}
