package io.snakepit.store.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.Value;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionStore;
import io.snakepit.store.embedded.EmbeddedSessionStore;
import io.snakepit.store.embedded.EmbeddedStoreConfig;
import io.snakepit.store.raft.RaftTestCluster;
import io.snakepit.store.v1.ImportCounts;
import io.snakepit.store.v1.StoredRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving every session of an embedded store into a three-replica Raft group through a dump file, as
 * {@code snakepit store export} and {@code import} do, and checking the result.
 */
class StoreMigrationTest {

  private static final int SESSIONS = 30;

  /** Large enough that the export and the import both take several pages and batches. */
  private static final Value LARGE = Value.newBuilder().setStringValue("x".repeat(400_000)).build();

  @TempDir Path root;
  private EmbeddedSessionStore source;
  private RaftTestCluster cluster;
  private SessionStore target;

  @BeforeEach
  void fillTheSource() {
    source = EmbeddedSessionStore.open(EmbeddedStoreConfig.defaults(root.resolve("embedded")));
    for (int i = 0; i < SESSIONS; i++) {
      String id = "s%02d".formatted(i);
      source.create(id, new SessionOptions(Map.of("n", Integer.toString(i)), Duration.ofHours(1)));
      for (int v = 0; v <= i % 3; v++) {
        source.putVariable(id, "v" + v, intValue(v), OptionalLong.empty());
      }
      source.putProgram(id, "p", ByteString.copyFromUtf8("code " + i), Map.of());
    }
    for (int i = 0; i < 4; i++) {
      source.putVariable("s00", "large" + i, LARGE, OptionalLong.empty());
    }
    cluster = RaftTestCluster.start(root.resolve("raft"), 3, config -> config);
    target = cluster.store("n1");
  }

  @AfterEach
  void closeStores() {
    source.close();
    cluster.close();
  }

  @Test
  void everySessionArrivesWithItsVariablesAndProgramsAndTheCheckAgrees() throws IOException {
    Path dump = export();
    source.close();

    Set<String> imported = importInto(dump, new AtomicInteger());

    assertThat(imported).hasSize(SESSIONS);
    TransferCheck.Result result = check(dump, imported);
    assertThat(result.differences()).isEmpty();
    assertThat(result.matches()).isTrue();
    assertThat(result.sessions()).isEqualTo(SESSIONS);
    assertThat(result.variables()).isEqualTo(4 + 10 * (1 + 2 + 3));
    assertThat(result.programs()).isEqualTo(SESSIONS);
    assertThat(target.getVariable("s29", "v2").value()).isEqualTo(intValue(2));
    assertThat(target.get("s07").metadata()).containsEntry("n", "7");
  }

  @Test
  void importingTheSameDumpAgainWritesNothing() throws IOException {
    Path dump = export();
    importInto(dump, new AtomicInteger());

    AtomicInteger written = new AtomicInteger();
    importInto(dump, written);

    assertThat(written).hasValue(0);
  }

  @Test
  void theCheckReportsARecordChangedOrLostAfterTheImport() throws IOException {
    Path dump = export();
    Set<String> imported = importInto(dump, new AtomicInteger());
    target.putVariable("s05", "v0", intValue(99), OptionalLong.empty());
    target.delete("s10");

    TransferCheck.Result result = check(dump, imported);

    assertThat(result.matches()).isFalse();
    assertThat(result.differences())
        .contains(
            "variable 'v0' of session 's05' is stored with other content than in the dump",
            "session 's10' is missing");
    // s10's variables (two) and program are missing too.
    assertThat(result.differing()).isEqualTo(1 + 1 + 2 + 1);
  }

  @Test
  void aFileThatIsNoDumpIsRefused() throws IOException {
    Path notADump = Files.writeString(root.resolve("sessions.json"), "{}");

    assertThatIOException()
        .isThrownBy(() -> DumpFile.open(notADump))
        .withMessageContaining("is not a Snakepit dump");
  }

  private Path export() throws IOException {
    Path dump = root.resolve("sessions.dump");
    try (DumpFile.Writer writer = DumpFile.create(dump)) {
      new ExportPages(source::exportRecords).forEachRemaining(writer::write);
    }
    return dump;
  }

  private Set<String> importInto(Path dump, AtomicInteger written) throws IOException {
    Set<String> sessionIds = new HashSet<>();
    try (DumpFile.Reader records = DumpFile.open(dump)) {
      ImportBatches.forEach(
          records,
          batch -> {
            batch.stream()
                .filter(StoredRecord::hasSession)
                .forEach(r -> sessionIds.add(r.getSession().getId()));
            ImportCounts counts = target.importRecords(batch);
            written.addAndGet(counts.getWritten());
          });
    }
    return sessionIds;
  }

  private TransferCheck.Result check(Path dump, Set<String> sessionIds) throws IOException {
    try (DumpFile.Reader expected = DumpFile.open(dump)) {
      return TransferCheck.compare(expected, sessionIds, new ExportPages(target::exportRecords));
    }
  }

  private static Value intValue(long value) {
    return Value.newBuilder().setIntValue(value).build();
  }
}
