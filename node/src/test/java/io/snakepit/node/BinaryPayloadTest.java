package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.client.SnakepitClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Arrays as raw bytes with a dtype and a shape, as numpy keeps them, through the SDK, the node and
 * a real Python worker: the bytes travel as protobuf bytes, never encoded as JSON or base64.
 */
class BinaryPayloadTest {

  private static final int SIDE = 1024;

  @TempDir static Path dir;
  static TestNode node;
  static SnakepitClient client;

  @BeforeAll
  static void startNode() {
    node = TestNode.start(dir, Map.of("pool.size", "1"));
    client = SnakepitClient.connect("127.0.0.1:" + node.node().grpcPort());
  }

  @AfterAll
  static void stopNode() {
    client.close();
    node.close();
  }

  /** An int64 array of SIDE x SIDE holding 0, 1, 2..., in native byte order: 8 MiB. */
  private static byte[] int64Array() {
    ByteBuffer buffer =
        ByteBuffer.allocate(SIDE * SIDE * Long.BYTES).order(ByteOrder.nativeOrder());
    for (long i = 0; i < (long) SIDE * SIDE; i++) {
      buffer.putLong(i);
    }
    return buffer.array();
  }

  private static Map<String, Object> array(byte[] data) {
    return Map.of("data", data, "dtype", "int64", "shape", List.of(SIDE, SIDE));
  }

  @Test
  void anEightMebibyteArrayRoundTripsByteForByte() {
    byte[] data = int64Array();

    Object echoed = client.execute("echo", Map.of("value", array(data)));

    assertThat(echoed).isInstanceOf(Map.class);
    assertThat((byte[]) ((Map<?, ?>) echoed).get("data")).isEqualTo(data);
    assertThat(((Map<?, ?>) echoed).get("shape")).isEqualTo(List.of((long) SIDE, (long) SIDE));
  }

  @Test
  void pythonReadsTheBytesAsAnArrayOfTheirDtypeAndShape() {
    long elements = (long) SIDE * SIDE;

    Object summary = client.execute("array_summary", array(int64Array()));

    assertThat(summary)
        .isEqualTo(
            Map.of(
                "shape",
                List.of((long) SIDE, (long) SIDE),
                "size",
                elements,
                "sum",
                elements * (elements - 1) / 2));
  }
}
