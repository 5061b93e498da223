package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CommandBatch;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.ExpireSessions;
import io.snakepit.store.v1.Touch;
import io.snakepit.store.v1.TouchSessions;
import org.junit.jupiter.api.Test;

class EntryTimeTest {

  private static final long PROPOSED = 1_000;
  private static final long LEADER = 5_000;

  private static Command create(String id) {
    return Command.newBuilder()
        .setNowMillis(PROPOSED)
        .setCreateSession(CreateSession.newBuilder().setSessionId(id))
        .build();
  }

  private static Touch touch(String id) {
    return Touch.newBuilder().setSessionId(id).setAccessedAtMillis(PROPOSED).build();
  }

  /** As the leader stamps an entry: the proposer's bytes with the stamp after them. */
  private static Command stamped(Command proposed) throws Exception {
    return Command.parseFrom(
        proposed.toByteString().concat(ByteString.copyFrom(EntryTime.stamp(LEADER))));
  }

  @Test
  void theStampAfterTheProposersBytesAddsTheLeadersTimeAndKeepsTheCommand() throws Exception {
    Command entry = stamped(create("s1"));

    assertThat(EntryTime.of(entry)).hasValue(LEADER);
    assertThat(entry.getCreateSession().getSessionId()).isEqualTo("s1");
    assertThat(entry.getNowMillis()).isEqualTo(PROPOSED);
  }

  @Test
  void aStampedEntryAppliesAtTheLeadersTimeItsTouchesIncluded() throws Exception {
    Command touches =
        Command.newBuilder()
            .setNowMillis(PROPOSED)
            .setTouchSessions(TouchSessions.newBuilder().addTouches(touch("s1")))
            .build();
    Command expire =
        Command.newBuilder()
            .setNowMillis(PROPOSED)
            .setExpireSessions(ExpireSessions.newBuilder().addPendingTouches(touch("s2")))
            .build();
    Command batch =
        Command.newBuilder()
            .setBatch(
                CommandBatch.newBuilder()
                    .addCommands(create("s1"))
                    .addCommands(touches)
                    .addCommands(expire))
            .build();

    Command applied = EntryTime.applied(stamped(batch));

    assertThat(applied.getBatch().getCommandsList())
        .extracting(Command::getNowMillis)
        .containsOnly(LEADER);
    assertThat(applied.getBatch().getCommands(1).getTouchSessions().getTouches(0))
        .isEqualTo(touch("s1").toBuilder().setAccessedAtMillis(LEADER).build());
    assertThat(applied.getBatch().getCommands(2).getExpireSessions().getPendingTouches(0))
        .isEqualTo(touch("s2").toBuilder().setAccessedAtMillis(LEADER).build());
  }

  @Test
  void anEntryFromBeforeTheLeadersTimeAppliesAsProposed() {
    Command old = create("s1");

    assertThat(EntryTime.of(old)).isEmpty();
    assertThat(EntryTime.applied(old)).isSameAs(old);
  }
}
