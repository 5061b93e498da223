package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.snakepit.client.SnakepitClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write whose reply is lost is sent again by the SDK to its next endpoint and applied once. A
 * fault injector stands in front of a real node as the client's first endpoint: it forwards each
 * write to the node and, once the node has answered, replies UNAVAILABLE instead, as if the
 * connection broke after the node applied the write. The client's second endpoint is the node
 * itself.
 */
class LostReplyRetryTest {

  @TempDir static Path dir;
  static TestNode node;
  static SnakepitClient direct;
  static ReplyDropper dropper;
  static Server proxy;

  @BeforeAll
  static void start() throws IOException {
    node = TestNode.start(dir, Map.of("pool.size", "1"));
    direct = SnakepitClient.connect(nodeTarget());
    dropper = new ReplyDropper(node::blocking);
    proxy =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(dropper)
            .build()
            .start();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    direct.close();
    proxy.shutdownNow().awaitTermination();
    node.close();
  }

  private static String nodeTarget() {
    return "127.0.0.1:" + node.node().grpcPort();
  }

  /** A client whose first endpoint loses the replies of writes and whose second is the node. */
  private static SnakepitClient clientBehindTheDropper() {
    return SnakepitClient.builder()
        .targets(List.of("127.0.0.1:" + proxy.getPort(), nodeTarget()))
        .build();
  }

  @Test
  void aCompareAndSetWhoseReplyWasLostIsAppliedOnceAndAnsweredAsTheFirstTime() {
    direct.createSession("cas");

    long version;
    try (SnakepitClient client = clientBehindTheDropper()) {
      version = client.putVariable("cas", "x", "first", 0);
    }

    // Without the request id the repeat would have lost its compare-and-set to the first attempt.
    assertThat(version).isEqualTo(1);
    assertThat(direct.getVariable("cas", "x").version()).isEqualTo(1);
    assertThat(dropper.forwarded("cas")).hasSize(1);
  }

  @Test
  void anUnconditionalWriteWhoseReplyWasLostIsNotWrittenTwice() {
    direct.createSession("plain");

    try (SnakepitClient client = clientBehindTheDropper()) {
      assertThat(client.putVariable("plain", "x", 1L)).isEqualTo(1);
    }
    assertThat(direct.getVariable("plain", "x").version()).isEqualTo(1);
    assertThat(dropper.forwarded("plain")).hasSize(1);
  }

  @Test
  void aDeleteWhoseReplyWasLostStillReportsTheSessionItDeleted() {
    direct.createSession("gone");

    try (SnakepitClient client = clientBehindTheDropper()) {
      assertThat(client.deleteSession("gone")).isTrue();
    }
    assertThat(direct.listSessions(null, 0).sessions())
        .extracting(session -> session.id())
        .doesNotContain("gone");
    assertThat(dropper.forwarded("gone")).hasSize(1);
  }
}
