package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.Value;
import io.snakepit.store.rocks.SessionRecords;
import io.snakepit.store.rocks.TemporaryRecords;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.Failure;
import io.snakepit.store.v1.PutVariable;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.QueryBatch;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.ReplyBatch;
import io.snakepit.store.v1.VariableKey;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A batch of queries is answered query by query, each failure its own. */
class QueryReaderTest {

  private static final long T0 = 1_700_000_000_000L;

  @RegisterExtension final TemporaryRecords database = new TemporaryRecords();
  private SessionRecords records;
  private QueryReader reader;

  @BeforeEach
  void open() {
    records = database.records();
    reader = new QueryReader(records);
    CommandApplier applier = new CommandApplier(records);
    records.write(
        applier
            .apply(
                Command.newBuilder()
                    .setNowMillis(T0)
                    .setCreateSession(CreateSession.newBuilder().setSessionId("s1"))
                    .build())
            .writes());
    put("x", Value.newBuilder().setIntValue(7));
  }

  @Test
  void eachQueryOfABatchGetsItsOwnReplyInOrder() {
    Reply reply =
        reader.answer(
            batch(
                variable("s1", "x"),
                variable("s1", "missing"),
                Query.newBuilder().setSessionExists("s1").build(),
                Query.newBuilder().setSessionExists("s2").build(),
                Query.newBuilder().setGetSession("s1").build()));

    List<Reply> replies = reply.getBatch().getRepliesList();
    assertThat(replies).hasSize(5);
    assertThat(replies.get(0).getVariable().getValue().getIntValue()).isEqualTo(7);
    assertThat(replies.get(1).getFailure().getCode()).isEqualTo(Failure.Code.NOT_FOUND);
    assertThat(replies.get(1).getFailure().getMessage()).contains("missing");
    assertThat(replies.get(2).getFound()).isTrue();
    assertThat(replies.get(3).getFound()).isFalse();
    assertThat(replies.get(4).getSession().getId()).isEqualTo("s1");
  }

  @Test
  void aBatchRefusesNestedBatchesAndGroupStatusButAnswersTheRest() {
    Reply reply =
        reader.answer(
            batch(
                batch(variable("s1", "x")),
                Query.newBuilder().setGroupStatus(true).build(),
                variable("s1", "x")));

    List<Reply> replies = reply.getBatch().getRepliesList();
    assertThat(replies.get(0).getFailure().getCode()).isEqualTo(Failure.Code.INVALID_ARGUMENT);
    assertThat(replies.get(1).getFailure().getCode()).isEqualTo(Failure.Code.INVALID_ARGUMENT);
    assertThat(replies.get(2).getVariable().getVersion()).isEqualTo(1);
  }

  @Test
  void aBatchAnswersOnlyItsFirstQueriesWhenAllWouldNotFitInOneMessage() {
    int bigValueBytes = QueryReader.BATCH_REPLY_BYTES * 3 / 8;
    for (String name : List.of("big-1", "big-2", "big-3")) {
      put(name, Value.newBuilder().setBytesValue(ByteString.copyFrom(new byte[bigValueBytes])));
    }

    List<Reply> replies =
        reader
            .answer(
                batch(variable("s1", "big-1"), variable("s1", "big-2"), variable("s1", "big-3")))
            .getBatch()
            .getRepliesList();

    assertThat(replies)
        .extracting(reply -> reply.getVariable().getVersion())
        .as("the first two of three")
        .containsExactly(1L, 1L);
  }

  @Test
  void aBatchAnswersItsFirstQueryHoweverLarge() {
    put("huge", Value.newBuilder().setBytesValue(ByteString.copyFrom(new byte[5 << 20])));

    assertThat(reader.answer(batch(variable("s1", "huge"), variable("s1", "x"))).getBatch())
        .extracting(ReplyBatch::getRepliesCount)
        .isEqualTo(1);
  }

  private void put(String name, Value.Builder value) {
    records.write(
        new CommandApplier(records)
            .apply(
                Command.newBuilder()
                    .setNowMillis(T0)
                    .setPutVariable(
                        PutVariable.newBuilder().setSessionId("s1").setName(name).setValue(value))
                    .build())
            .writes());
  }

  private static Query variable(String sessionId, String name) {
    return Query.newBuilder()
        .setGetVariable(VariableKey.newBuilder().setSessionId(sessionId).setName(name))
        .build();
  }

  private static Query batch(Query... queries) {
    return Query.newBuilder()
        .setBatch(QueryBatch.newBuilder().addAllQueries(List.of(queries)))
        .build();
  }
}
