package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.raft.TestPorts;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code snakepit cluster up} and {@code down}, through the node's jar as a user runs them. */
class ClusterUpIT {

  private static final Pattern NODE_ROW =
      Pattern.compile("(?m)^(n\\d) +(127\\.0\\.0\\.1:\\d+) +(\\d+) ");

  /** Where Linux's ephemeral ports start. */
  private static final int EPHEMERAL_PORTS_START = 32_768;

  @TempDir Path dir;

  @AfterEach
  void stopWhatIsLeft() throws InterruptedException {
    CliProcess.run("cluster", "down", "--dir", dir.toString());
  }

  @Test
  void upStartsAServingClusterAndDownStopsEveryNode() throws Exception {
    int basePort = freePortRange();

    CliProcess up = upThreeNodes(basePort);

    assertThat(up.exitCode()).as(up.err()).isZero();
    Matcher rows = NODE_ROW.matcher(up.out());
    List<Long> pids = rows.results().map(row -> Long.parseLong(row.group(3))).toList();
    assertThat(pids).hasSize(3).allMatch(ProcessState::running);
    CliProcess status =
        CliProcess.run("cluster", "status", "--target", "127.0.0.1:" + (basePort + 1));
    assertThat(status.exitCode()).as(status.out()).isZero();
    assertThat(status.out()).contains("store:    raft, answered by n2");

    CliProcess again = CliProcess.run("cluster", "up", "--dir", dir.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("a cluster was started in " + dir + " already");

    CliProcess down = CliProcess.run("cluster", "down", "--dir", dir.toString());

    assertThat(down.exitCode()).as(down.err()).isZero();
    assertThat(down.out()).contains("stopped node n1", "stopped node n2", "stopped node n3");
    assertThat(pids).noneMatch(ProcessState::running);
  }

  /** A port whose next 2 ports and the 3 ports 1000 above are free too, as far as we can tell. */
  @Test
  void aNodeThatExitsWhileStartingIsReportedWithTheEndOfItsLog() throws Exception {
    int basePort = freePortRange();
    try (ServerSocket taken = new ServerSocket(basePort + 1000)) {
      CliProcess up = upThreeNodes(basePort);

      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err())
          .contains("node n1 exited; the end of " + dir.resolve("n1").resolve("node.log"))
          .containsIgnoringCase("address already in use");
    }
  }

  private CliProcess upThreeNodes(int basePort) throws InterruptedException {
    return CliProcess.run(
        "cluster",
        "up",
        "--nodes",
        "3",
        "--dir",
        dir.toString(),
        "--base-port",
        Integer.toString(basePort),
        "--pool-size",
        "1");
  }

  /**
   * The nodes' API ports from {@code base}, their Raft ports from {@code base + 1000}: all below
   * the kernel's ephemeral range, where an outgoing connection could take one before a node binds
   * it (a node that cannot bind exits, as n2 once did in a loaded run).
   */
  private static int freePortRange() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = TestPorts.free();
      if (base + 1002 < EPHEMERAL_PORTS_START && allFree(base) && allFree(base + 1000)) {
        return base;
      }
    }
    throw new IOException("no range of free ports found");
  }

  private static boolean allFree(int first) {
    for (int port = first; port < first + 3; port++) {
      try (ServerSocket socket = new ServerSocket(port)) {
        // free
      } catch (IOException taken) {
        return false;
      }
    }
    return true;
  }
}
