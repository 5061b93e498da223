package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.api.v1.Value;
import io.snakepit.store.RequestId;
import io.snakepit.store.rocks.RequestRecords;
import io.snakepit.store.rocks.SessionRecords;
import io.snakepit.store.rocks.TemporaryRecords;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.ExpireSessions;
import io.snakepit.store.v1.Failure;
import io.snakepit.store.v1.PutVariable;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.Touch;
import io.snakepit.store.v1.TouchSessions;
import io.snakepit.store.v1.UpdateSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a replica decides from a command alone: no clock, failures as replies. */
class CommandApplierTest {

  private static final long T0 = 1_700_000_000_000L;
  private static final long TTL = 10_000;

  @RegisterExtension final TemporaryRecords database = new TemporaryRecords();
  private SessionRecords records;
  private CommandApplier applier;

  @BeforeEach
  void open() {
    records = database.records();
    applier = new CommandApplier(records);
  }

  private Reply apply(Command.Builder command) {
    CommandApplier.Outcome outcome = applier.apply(command.build());
    records.write(outcome.writes());
    return outcome.reply();
  }

  private SessionRecord create(String sessionId, long at) {
    return apply(
            Command.newBuilder()
                .setNowMillis(at)
                .setCreateSession(
                    CreateSession.newBuilder().setSessionId(sessionId).setTtlMillis(TTL)))
        .getSession();
  }

  private int expire(long at, Touch... pendingTouches) {
    ExpireSessions.Builder expire = ExpireSessions.newBuilder();
    for (Touch touch : pendingTouches) {
      expire.addPendingTouches(touch);
    }
    return apply(Command.newBuilder().setNowMillis(at).setExpireSessions(expire)).getCount();
  }

  private static Touch touch(String sessionId, long at) {
    return Touch.newBuilder().setSessionId(sessionId).setAccessedAtMillis(at).build();
  }

  @Test
  void expiryUsesTheTimeInTheCommand() {
    create("s1", T0);

    assertThat(expire(T0 + TTL)).isZero();
    assertThat(expire(T0 + TTL + 1)).isEqualTo(1);
    assertThat(records.sessionExists("s1")).isFalse();
  }

  @Test
  void theProposersPendingTouchesKeepASessionAlive() {
    create("s1", T0);

    assertThat(expire(T0 + TTL + 1, touch("s1", T0 + 5))).isZero();
    assertThat(records.session("s1").orElseThrow().getLastAccessedMillis()).isEqualTo(T0 + 5);
  }

  @Test
  void touchesNeverMoveAccessBackNorReviveADeletedSession() {
    create("s1", T0 + 100);

    Reply reply =
        apply(
            Command.newBuilder()
                .setTouchSessions(
                    TouchSessions.newBuilder()
                        .addTouches(touch("s1", T0))
                        .addTouches(touch("gone", T0 + 200))));

    assertThat(reply.getCount()).isZero();
    assertThat(records.session("s1").orElseThrow().getLastAccessedMillis()).isEqualTo(T0 + 100);
    assertThat(records.sessionExists("gone")).isFalse();
  }

  @Test
  void aLostCompareAndSetIsAConflictReplyThatWritesNothing() {
    SessionRecord read = create("s1", T0);
    UpdateSession update =
        UpdateSession.newBuilder()
            .setExpected(read)
            .putMetadata("k", "v")
            .setTtlMillis(TTL)
            .build();
    apply(Command.newBuilder().setNowMillis(T0 + 1).setUpdateSession(update));

    CommandApplier.Outcome second =
        applier.apply(Command.newBuilder().setNowMillis(T0 + 2).setUpdateSession(update).build());

    assertThat(second.reply().getFailure().getCode()).isEqualTo(Failure.Code.CONFLICT);
    assertThat(second.writes().isEmpty()).isTrue();
    assertThat(records.session("s1").orElseThrow().getVersion()).isEqualTo(2);
  }

  @Test
  void aRepeatedRequestIsAnsweredFromItsRecordWithoutWritingAndTheRecordAgesByCommandTime() {
    create("s1", T0);
    Command.Builder put =
        Command.newBuilder()
            .setRequestId("r1")
            .setPutVariable(
                PutVariable.newBuilder()
                    .setSessionId("s1")
                    .setName("x")
                    .setValue(Value.newBuilder().setIntValue(1))
                    .setExpectedVersion(0));
    Reply first = apply(put.setNowMillis(T0 + 1));

    CommandApplier.Outcome repeat = applier.apply(put.setNowMillis(T0 + 2).build());

    assertThat(repeat.reply()).isEqualTo(first);
    assertThat(repeat.writes().isEmpty()).isTrue();
    assertThat(records.request("r1").orElseThrow().getAppliedAtMillis()).isEqualTo(T0 + 1);
    // The value is the request's own: a repeat has it, the record need not keep a copy.
    assertThat(records.request("r1").orElseThrow().getReply().getVariable().hasValue()).isFalse();

    long windowEnd = T0 + 1 + RequestId.WINDOW.toMillis();
    expire(windowEnd - 1);
    assertThat(records.request("r1")).isPresent();
    expire(windowEnd);
    assertThat(records.request("r1")).isEmpty();
  }

  @Test
  void aProposersHashIsTheOneAReplicaComputesSoEitherAnswersARepeat() {
    create("s1", T0);
    Command.Builder put = putX(1).setRequestId("r1").setNowMillis(T0 + 1);
    Reply first = apply(put);

    Command repeat = RequestRecords.withHash(put.setNowMillis(T0 + 2).build());
    CommandApplier.Outcome answered = applier.apply(repeat);
    assertThat(answered.reply()).isEqualTo(first);
    assertThat(answered.writes().isEmpty()).isTrue();

    Command other =
        RequestRecords.withHash(putX(2).setRequestId("r1").setNowMillis(T0 + 3).build());
    assertThat(applier.apply(other).reply().getFailure().getCode())
        .isEqualTo(Failure.Code.INVALID_ARGUMENT);
  }

  private static Command.Builder putX(int value) {
    return Command.newBuilder()
        .setPutVariable(
            PutVariable.newBuilder()
                .setSessionId("s1")
                .setName("x")
                .setValue(Value.newBuilder().setIntValue(value)));
  }
}
