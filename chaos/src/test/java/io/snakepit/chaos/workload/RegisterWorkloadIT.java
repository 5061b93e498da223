package io.snakepit.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.checker.CheckResult;
import io.snakepit.chaos.checker.LinearizabilityChecker;
import io.snakepit.chaos.checker.Verdict;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.Semantics;
import io.snakepit.chaos.runtime.LocalNodeProcess;
import io.snakepit.client.SnakepitClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The register workload against a real node process, checked with the strict model: a smoke of the
 * chaos method on one node, where the history must be linearizable.
 */
class RegisterWorkloadIT {

  @TempDir Path dir;

  @Test
  void aSingleNodesRegisterHistoryIsLinearizableUnderTheStrictModel() throws Exception {
    List<Op> history;
    try (LocalNodeProcess node =
            LocalNodeProcess.start(
                Path.of(System.getProperty("snakepit.nodeJar", "../node/target/snakepit-node.jar")),
                dir.resolve("data"),
                dir.resolve("run"),
                Duration.ofSeconds(60),
                "--pool-size",
                "1");
        SnakepitClient client = SnakepitClient.connect(node.target())) {
      history =
          RegisterWorkload.run(client, "registers", new RegisterWorkload.Settings(5, 60, 3, 4, 7));
    }

    assertThat(history).hasSize(2 * 5 * 60);
    assertThat(history).filteredOn(op -> op.type() == OpType.OK).hasSizeGreaterThan(100);
    assertThat(history).filteredOn(op -> op.type() == OpType.FAIL).isNotEmpty();
    CheckResult result =
        new LinearizabilityChecker(Duration.ofSeconds(60))
            .check(new CasRegister(null, Semantics.STRICT), Pairing.pair(history));
    assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
  }
}
