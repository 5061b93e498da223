package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.rocks.RecordWrites;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.LogPosition;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.ReplyBatch;
import java.util.List;
import java.util.Optional;
import org.apache.ratis.server.protocol.TermIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies committed log entries to a replica's database exactly once: every write carries the
 * position it comes from, so an entry replayed after a restart (Ratis replays from the last
 * snapshot) is answered without being applied again, and a batch a crash interrupted resumes with
 * its first command not yet applied.
 */
final class LogEntryApplier {

  private static final Logger LOG = LoggerFactory.getLogger(LogEntryApplier.class);
  private static final Reply REPLAYED = Reply.newBuilder().setReplayed(true).build();

  private final LiveDatabase database;

  LogEntryApplier(LiveDatabase database) {
    this.database = database;
  }

  /**
   * @param command the entry's command, or empty when its bytes hold none
   */
  Reply apply(TermIndex position, Optional<Command> command) {
    if (command.isPresent() && command.get().hasBatch()) {
      return applyBatch(command.get().getBatch().getCommandsList(), position);
    }
    if (position.getIndex() <= database.applied().getIndex()) {
      return REPLAYED;
    }
    CommandApplier.Outcome outcome =
        command.map(applier()::apply).orElseGet(() -> undecodable(position));
    database.write(outcome.writes(), logPosition(position, 0));
    return outcome.reply();
  }

  /**
   * Applies the commands of a batch one by one, each written with how many of the batch are done,
   * so that a crash in the middle resumes with the next command instead of repeating one.
   */
  private Reply applyBatch(List<Command> commands, TermIndex position) {
    LogPosition applied = database.applied();
    int done =
        position.getIndex() < applied.getIndex()
            ? commands.size()
            : position.getIndex() == applied.getIndex() ? applied.getBatchCommandsApplied() : 0;
    ReplyBatch.Builder replies = ReplyBatch.newBuilder();
    for (int i = 0; i < commands.size(); i++) {
      if (i < done) {
        replies.addReplies(REPLAYED);
        continue;
      }
      CommandApplier.Outcome outcome = applier().apply(commands.get(i));
      database.write(outcome.writes(), logPosition(position, i + 1));
      replies.addReplies(outcome.reply());
    }
    return Reply.newBuilder().setBatch(replies).build();
  }

  private CommandApplier applier() {
    return new CommandApplier(database.records());
  }

  static LogPosition logPosition(TermIndex position, int batchCommandsApplied) {
    return LogPosition.newBuilder()
        .setTerm(position.getTerm())
        .setIndex(position.getIndex())
        .setBatchCommandsApplied(batchCommandsApplied)
        .build();
  }

  /** Every replica rejects the same bytes the same way, so rejecting them keeps them agreed. */
  private static CommandApplier.Outcome undecodable(TermIndex position) {
    LOG.error("Log entry {} holds no session command; it changes nothing", position);
    return new CommandApplier.Outcome(
        new RecordWrites(),
        Replies.failure(new StoreException.InvalidArgument("not a session command")));
  }
}
