package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.api.v1.Value;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CommandBatch;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.DeleteSession;
import io.snakepit.store.v1.ExpireSessions;
import io.snakepit.store.v1.Failure;
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

  @Test
  void eachCommandOfABatchSeesWhatTheOnesBeforeItChanged() {
    Command first = command(put("x", 1).setExpectedVersion(0));
    Command second = command(put("x", 2).setExpectedVersion(1));
    Command stale = command(put("x", 3).setExpectedVersion(1));
    Command withId = command(put("y", 1)).toBuilder().setRequestId("r-1").build();

    List<Reply> replies =
        applier
            .apply(BATCH, Optional.of(batch(first, second, stale, withId, withId)))
            .getBatch()
            .getRepliesList();

    assertThat(replies.get(0).getVariable().getVersion()).isEqualTo(1);
    assertThat(replies.get(1).getVariable().getVersion()).isEqualTo(2);
    assertThat(replies.get(2).getFailure().getCode()).isEqualTo(Failure.Code.CONFLICT);
    assertThat(replies.get(3).getVariable().getVersion()).isEqualTo(1);
    assertThat(replies.get(4).getVariable().getVersion())
        .as("the repeat of a request id, answered from its record")
        .isEqualTo(1);
    assertThat(database.records().variable("s", "x").orElseThrow().getVersion()).isEqualTo(2);
    assertThat(database.records().variable("s", "y").orElseThrow().getVersion())
        .as("applied once")
        .isEqualTo(1);
    assertThat(database.applied().getBatchCommandsApplied()).isEqualTo(5);
  }

  @Test
  void aCommandAfterASessionsDeletionInTheSameBatchFindsItGone() {
    Command put = command(put("x", 1));
    Command delete =
        Command.newBuilder()
            .setNowMillis(1_000)
            .setDeleteSession(DeleteSession.newBuilder().setSessionId("s"))
            .build();

    List<Reply> replies =
        applier
            .apply(BATCH, Optional.of(batch(put, delete, put, command(create("s")), put)))
            .getBatch()
            .getRepliesList();

    assertThat(replies.get(0).getVariable().getVersion()).isEqualTo(1);
    assertThat(replies.get(1).getFound()).isTrue();
    assertThat(replies.get(2).getFailure().getCode()).isEqualTo(Failure.Code.NOT_FOUND);
    assertThat(replies.get(4).getVariable().getVersion())
        .as("a new session's variable starts over")
        .isEqualTo(1);
  }

  @Test
  void expiryInABatchSeesTheWritesBeforeIt() {
    Command createWithTtl =
        Command.newBuilder()
            .setNowMillis(1_000)
            .setCreateSession(CreateSession.newBuilder().setSessionId("short").setTtlMillis(10))
            .build();
    Command expireLater =
        Command.newBuilder()
            .setNowMillis(5_000)
            .setExpireSessions(ExpireSessions.getDefaultInstance())
            .build();

    List<Reply> replies =
        applier
            .apply(BATCH, Optional.of(batch(createWithTtl, expireLater)))
            .getBatch()
            .getRepliesList();

    assertThat(replies.get(1).getCount()).as("sessions expired").isEqualTo(1);
    assertThat(database.records().session("short")).isEmpty();
  }

  private static Command command(CreateSession create) {
    return Command.newBuilder().setNowMillis(1_000).setCreateSession(create).build();
  }

  private static Command command(PutVariable.Builder put) {
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

  private static PutVariable.Builder put(String name, long value) {
    return PutVariable.newBuilder()
        .setSessionId("s")
        .setName(name)
        .setValue(Value.newBuilder().setIntValue(value));
  }
}
