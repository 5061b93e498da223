package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.common.RequestChecks;
import io.snakepit.store.rocks.SessionRecords;
import io.snakepit.store.v1.ListSessions;
import io.snakepit.store.v1.NodeList;
import io.snakepit.store.v1.ProgramKey;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.ReplyBatch;
import io.snakepit.store.v1.SessionList;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.VariableKey;
import java.util.List;

/** Answers the read-only queries from a replica's records; reads change nothing. */
final class QueryReader {

  /**
   * A batch's replies stop before they pass this size, the first one excepted: half the group's
   * message limit, so that the first reply, at most a record at the {@code StoreLimits}, always
   * fits with it.
   */
  static final int BATCH_REPLY_BYTES = 4 * 1024 * 1024;

  private final SessionRecords records;

  QueryReader(SessionRecords records) {
    this.records = records;
  }

  Reply answer(Query query) {
    try {
      return switch (query.getKindCase()) {
        case GET_SESSION -> Reply.newBuilder().setSession(session(query.getGetSession())).build();
        case SESSION_EXISTS ->
            Reply.newBuilder().setFound(records.sessionExists(query.getSessionExists())).build();
        case GET_VARIABLE -> variable(query.getGetVariable());
        case GET_PROGRAM -> program(query.getGetProgram());
        case LIST_SESSIONS -> list(query.getListSessions());
        case EXPORT_RECORDS ->
            Reply.newBuilder()
                .setRecords(
                    records.exportPage(
                        query.getExportRecords().getCursor(),
                        query.getExportRecords().getMaxBytes()))
                .build();
        case LIST_NODES ->
            Reply.newBuilder().setNodes(NodeList.newBuilder().addAllNodes(records.nodes())).build();
        case BATCH -> batch(query.getBatch().getQueriesList());
        case GROUP_STATUS ->
            throw new IllegalArgumentException("the group status is the state machine's to answer");
        case KIND_NOT_SET -> throw new StoreException.InvalidArgument("empty query");
      };
    } catch (StoreException.NotFound | StoreException.InvalidArgument e) {
      return Replies.failure(e);
    }
  }

  /**
   * Each query of the batch answered alone, its failure its own, as many as fit in {@link
   * #BATCH_REPLY_BYTES}: the asker sends the others again.
   */
  private Reply batch(List<Query> queries) {
    ReplyBatch.Builder replies = ReplyBatch.newBuilder();
    long bytes = 0;
    for (Query query : queries) {
      Reply reply =
          switch (query.getKindCase()) {
            case BATCH, GROUP_STATUS ->
                Replies.failure(
                    new StoreException.InvalidArgument(
                        "a query batch holds no " + query.getKindCase()));
            default -> answer(query);
          };
      bytes += reply.getSerializedSize();
      if (bytes > BATCH_REPLY_BYTES && replies.getRepliesCount() > 0) {
        break;
      }
      replies.addReplies(reply);
    }
    return Reply.newBuilder().setBatch(replies).build();
  }

  private SessionRecord session(String sessionId) {
    return records.session(sessionId).orElseThrow(() -> RequestChecks.sessionNotFound(sessionId));
  }

  private Reply variable(VariableKey key) {
    session(key.getSessionId());
    return records
        .variable(key.getSessionId(), key.getName())
        .map(variable -> Reply.newBuilder().setVariable(variable).build())
        .orElseThrow(() -> RequestChecks.notFound("variable", key.getName(), key.getSessionId()));
  }

  private Reply program(ProgramKey key) {
    session(key.getSessionId());
    return records
        .program(key.getSessionId(), key.getProgramId())
        .map(program -> Reply.newBuilder().setProgram(program).build())
        .orElseThrow(
            () -> RequestChecks.notFound("program", key.getProgramId(), key.getSessionId()));
  }

  private Reply list(ListSessions list) {
    SessionList.Builder found = SessionList.newBuilder();
    records.scanSessions(
        list.getCursor(),
        record -> {
          found.addSessions(record);
          return found.getSessionsCount() < list.getLimit();
        });
    return Reply.newBuilder().setSessions(found).build();
  }
}
