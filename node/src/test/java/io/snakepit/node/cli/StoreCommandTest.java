package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.PutProgramRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.Value;
import io.snakepit.api.v1.Variable;
import io.snakepit.node.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code snakepit store export} from a stopped node's embedded store and {@code store import} into
 * another node, with real nodes, and {@code cluster status} of an embedded store.
 */
class StoreCommandTest {

  @TempDir Path dir;

  @Test
  void sessionsExportedFromAStoppedNodeArriveIntactInAnother() throws IOException {
    Path sourceDir = dir.resolve("source");
    Variable counter;
    try (TestNode source = TestNode.start(sourceDir, Map.of())) {
      for (String id : new String[] {"s1", "s2"}) {
        source.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId(id).build());
      }
      put(source, "s1", 1);
      counter = put(source, "s1", 2);
      source
          .blocking()
          .putProgram(
              PutProgramRequest.newBuilder()
                  .setSessionId("s2")
                  .setProgramId("p")
                  .setData(ByteString.copyFromUtf8("print(1)"))
                  .build());
    }
    Path dump = dir.resolve("sessions.dump");

    CliRun export =
        CliRun.of(
            "store",
            "export",
            "--data-dir",
            sourceDir.resolve("data").toString(),
            "--out",
            dump.toString());

    assertThat(export.err()).isEmpty();
    assertThat(export.out()).contains("exported 2 sessions, 1 variables, 1 programs");

    try (TestNode target = TestNode.start(dir.resolve("target"), Map.of())) {
      String node = "127.0.0.1:" + target.node().grpcPort();

      CliRun imported = CliRun.of("store", "import", "--in", dump.toString(), "--target", node);

      assertThat(imported.exitCode()).isZero();
      assertThat(imported.out())
          .contains("imported 4 records, 0 already there unchanged")
          .contains("checked 2 sessions, 1 variables, 1 programs: the store holds every record");
      Variable moved =
          target
              .blocking()
              .getVariable(GetVariableRequest.newBuilder().setSessionId("s1").setName("x").build());
      assertThat(moved).isEqualTo(counter);

      CliRun again = CliRun.of("store", "import", "--in", dump.toString(), "--target", node);

      assertThat(again.out()).contains("imported 0 records, 4 already there unchanged");

      put(target, "s1", 3);
      CliRun conflicting = CliRun.of("store", "import", "--in", dump.toString(), "--target", node);

      assertThat(conflicting.exitCode()).isEqualTo(ErrorReporter.EXIT_CALL_FAILED);
      assertThat(conflicting.err())
          .startsWith("error: ABORTED: variable 'x' of session 's1' is already stored");
    }
  }

  @Test
  void anExportNeverOverwritesAFile() throws IOException {
    Path existing = Files.writeString(dir.resolve("keep.dump"), "precious");
    Files.createDirectories(dir.resolve("data").resolve("sessions"));

    CliRun run =
        CliRun.of(
            "store",
            "export",
            "--data-dir",
            dir.resolve("data").toString(),
            "--out",
            existing.toString());

    assertThat(run.exitCode()).isEqualTo(ErrorReporter.EXIT_CALL_FAILED);
    assertThat(run.err()).isEqualTo("error: " + existing + " already exists\n");
    assertThat(Files.readString(existing)).isEqualTo("precious");
  }

  @Test
  void aDataDirWithoutAnEmbeddedStoreIsAConfigurationError() {
    CliRun run =
        CliRun.of(
            "store", "export", "--data-dir", dir.toString(), "--out", dir.resolve("x").toString());

    assertThat(run.exitCode()).isEqualTo(ErrorReporter.EXIT_BAD_CONFIG);
    assertThat(run.err()).contains("no embedded session store in " + dir);
  }

  @Test
  void aFileThatIsNoDumpIsRefusedBeforeAnythingIsImported() throws IOException {
    Path notADump = Files.writeString(dir.resolve("sessions.json"), "{}");

    CliRun run =
        CliRun.of("store", "import", "--in", notADump.toString(), "--target", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(ErrorReporter.EXIT_CALL_FAILED);
    assertThat(run.err()).contains("is not a Snakepit dump");
  }

  @Test
  void clusterStatusOfAnEmbeddedStoreShowsOneHealthyLeader() {
    try (TestNode node = TestNode.start(dir, Map.of())) {
      CliRun run = CliRun.of("cluster", "--target", "127.0.0.1:" + node.node().grpcPort());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("store:    embedded, answered by embedded")
          .contains("leader:   embedded")
          .containsPattern("embedded +\\S+ +LEADER +yes");
    }
  }

  @Test
  void membershipChangesOfAnEmbeddedStoreFailWithFailedPrecondition() {
    try (TestNode node = TestNode.start(dir, Map.of())) {
      String target = "127.0.0.1:" + node.node().grpcPort();
      CliRun add =
          CliRun.of(
              "cluster", "add", "--id", "d", "--raft-address", "127.0.0.1:1", "--target", target);
      CliRun remove = CliRun.of("cluster", "remove", "--id", "d", "--target", target);

      for (CliRun run : new CliRun[] {add, remove}) {
        assertThat(run.exitCode()).isEqualTo(ErrorReporter.EXIT_CALL_FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: FAILED_PRECONDITION").contains("embedded");
      }
    }
  }

  private static Variable put(TestNode node, String session, long value) {
    return node.blocking()
        .putVariable(
            PutVariableRequest.newBuilder()
                .setSessionId(session)
                .setName("x")
                .setValue(Value.newBuilder().setIntValue(value))
                .build());
  }
}
