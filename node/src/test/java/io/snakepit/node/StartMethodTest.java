package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where workers come from: forked by their pool's fork server, or spawned by the node. */
class StartMethodTest {

  @TempDir Path dir;

  @Test
  void byDefaultWorkersAreForkedByTheirPoolsForkServerWhichTheNodeStarted() {
    try (TestNode node = TestNode.start(dir, Map.of())) {
      ProcessHandle forkServer = parentOf(workerPid(node));

      assertThat(forkServer.pid()).isNotEqualTo(ProcessHandle.current().pid());
      assertThat(forkServer.info().arguments().orElseThrow()).contains("snakepit.forkserver");
      assertThat(forkServer.parent().map(ProcessHandle::pid))
          .hasValue(ProcessHandle.current().pid());
    }
  }

  @Test
  void spawnedWorkersAreTheNodesOwnChildren() {
    try (TestNode node = TestNode.start(dir, Map.of("pool.start-method", "spawn"))) {
      ProcessHandle parent = parentOf(workerPid(node));

      assertThat(parent.pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(ProcessHandle.current().children().map(StartMethodTest::commandLine))
          .noneMatch(
              command ->
                  command.contains("snakepit.forkserver") && command.contains(dir.toString()));
    }
  }

  private static String commandLine(ProcessHandle process) {
    return process.info().commandLine().orElse("");
  }

  private static long workerPid(TestNode node) {
    return node.blocking().execute(call("pid")).getResult().getIntValue();
  }

  private static ProcessHandle parentOf(long pid) {
    return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow();
  }
}
