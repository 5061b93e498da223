package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.api.v1.Value;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CommandBatch;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.PutVariable;
import io.snakepit.store.v1.Reply;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.ratis.server.protocol.TermIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries replayed after a restart, whole or cut by a crash, are applied exactly once. */
class LogEntryApplierTest {

  private static final TermIndex SETUP = TermIndex.valueOf(1, 1);
  private static final TermIndex BATCH = TermIndex.valueOf(1, 2);

  @TempDir Path dir;
  private LiveDatabase database;
  private LogEntryApplier applier;

  @BeforeEach
  void open() {
    database = LiveDatabase.open(dir);
    applier = new LogEntryApplier(database);
    applier.apply(SETUP, Optional.of(command(create("s"))));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aBatchCutByACrashResumesWithItsFirstCommandNotYetApplied() {
    Command first = command(put("x", 1));
    Command second = command(put("y", 1));
    // The crash: the first command's changes and position were written, the second's were not.
    CommandApplier.Outcome firstApplied = new CommandApplier(database.records()).apply(first);
    database.write(firstApplied.writes(), LogEntryApplier.logPosition(BATCH, 1));

    Reply replayed = applier.apply(BATCH, Optional.of(batch(first, second)));

    assertThat(replayed.getBatch().getRepliesList())
        .extracting(Reply::getReplayed)
        .containsExactly(true, false);
    assertThat(database.records().variable("s", "x").orElseThrow().getVersion())
        .as("applied once")
        .isEqualTo(1);
    assertThat(database.records().variable("s", "y").orElseThrow().getVersion()).isEqualTo(1);
    assertThat(database.applied().getBatchCommandsApplied()).isEqualTo(2);
  }

  @Test
  void aWholeEntryReplayedAfterARestartIsAnsweredButNotAppliedAgain() {
    Command put = command(put("x", 1));
    applier.apply(BATCH, Optional.of(put));

    Reply replayed = new LogEntryApplier(database).apply(BATCH, Optional.of(put));

    assertThat(replayed.getReplayed()).isTrue();
    assertThat(database.records().variable("s", "x").orElseThrow().getVersion()).isEqualTo(1);
  }

  @Test
  void anEntryThatHoldsNoCommandChangesNothingAndFailsAlike() {
    Reply reply = applier.apply(BATCH, Optional.empty());

    assertThat(reply.getFailure().getMessage()).isEqualTo("not a session command");
    assertThat(database.applied().getIndex()).isEqualTo(BATCH.getIndex());
  }

  private static Command command(CreateSession create) {
    return Command.newBuilder().setNowMillis(1_000).setCreateSession(create).build();
  }

  private static Command command(PutVariable put) {
    return Command.newBuilder().setNowMillis(1_000).setPutVariable(put).build();
  }

  private static Command batch(Command... commands) {
    return Command.newBuilder()
        .setBatch(CommandBatch.newBuilder().addAllCommands(List.of(commands)))
        .build();
  }

  private static CreateSession create(String id) {
    return CreateSession.newBuilder().setSessionId(id).build();
  }

  private static PutVariable put(String name, long value) {
    return PutVariable.newBuilder()
        .setSessionId("s")
        .setName(name)
        .setValue(Value.newBuilder().setIntValue(value))
        .build();
  }
}
