package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.rocks.RecordWrites;
import io.snakepit.store.rocks.SessionRecords;
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
   * Applies the commands of a batch one by one, each seeing what those before it changed, and
   * writes their changes together with how many of the batch are done: in one write where it can,
   * so that a batch costs one RocksDB write rather than one per command, and a crash in the middle
   * resumes with the first command not written instead of repeating one.
   */
  private Reply applyBatch(List<Command> commands, TermIndex position) {
    LogPosition applied = database.applied();
    int done =
        position.getIndex() < applied.getIndex()
            ? commands.size()
            : position.getIndex() == applied.getIndex() ? applied.getBatchCommandsApplied() : 0;
    ReplyBatch.Builder replies = ReplyBatch.newBuilder();
    for (int i = 0; i < Math.min(done, commands.size()); i++) {
      replies.addReplies(REPLAYED);
    }
    GatheredWrites gathered = new GatheredWrites(position);
    for (int i = done; i < commands.size(); i++) {
      Command command = commands.get(i);
      boolean scans = command.hasExpireSessions();
      if (scans) {
        gathered.write();
      }
      CommandApplier.Outcome outcome = new CommandApplier(gathered.records()).apply(command);
      gathered.add(outcome.writes(), i + 1);
      // What later commands could not see through the pending changes goes out at once.
      if (scans || outcome.writes().deletesRanges()) {
        gathered.write();
      }
      replies.addReplies(outcome.reply());
    }
    gathered.write();
    return Reply.newBuilder().setBatch(replies).build();
  }

  /** The changes of a batch's commands gathered for one write, and how far they bring it. */
  private final class GatheredWrites {
    private final TermIndex position;
    private RecordWrites writes = new RecordWrites();
    private int commandsApplied;

    GatheredWrites(TermIndex position) {
      this.position = position;
    }

    /** The records as the gathered changes will leave them. */
    SessionRecords records() {
      return database.records().readingThrough(writes);
    }

    void add(RecordWrites changes, int commandsAppliedWithThem) {
      writes.addAll(changes);
      commandsApplied = commandsAppliedWithThem;
    }

    /** Writes what was gathered, if any command was, with the position it brings the batch to. */
    void write() {
      if (commandsApplied == 0) {
        return;
      }
      database.write(writes, logPosition(position, commandsApplied));
      writes = new RecordWrites();
      commandsApplied = 0;
    }
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
