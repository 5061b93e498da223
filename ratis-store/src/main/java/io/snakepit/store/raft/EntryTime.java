package io.snakepit.store.raft;

import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CommandBatch;
import io.snakepit.store.v1.ExpireSessions;
import io.snakepit.store.v1.Touch;
import io.snakepit.store.v1.TouchSessions;
import java.util.List;
import java.util.OptionalLong;

/**
 * The leader's time in a log entry ({@code Command.leader_time_millis}): how the leader adds it to
 * the bytes a proposer sent, and the commands as replicas apply them with it.
 */
final class EntryTime {

  private EntryTime() {}

  /**
   * The bytes to append to an entry's command: protobuf takes the last value of a field, so the
   * leader stamps an entry without decoding or copying it.
   */
  static byte[] stamp(long leaderMillis) {
    return Command.newBuilder().setLeaderTimeMillis(leaderMillis).build().toByteArray();
  }

  /** The leader's time of an entry, if it has one (entries from before it existed have none). */
  static OptionalLong of(Command entry) {
    return entry.getLeaderTimeMillis() == 0
        ? OptionalLong.empty()
        : OptionalLong.of(entry.getLeaderTimeMillis());
  }

  /**
   * The entry's commands as they apply: proposed at the leader's time, their touches made at it too
   * (a proposer's clock may be behind, which would age the sessions it served). An entry without
   * the leader's time applies as it was proposed.
   */
  static Command applied(Command entry) {
    OptionalLong leader = of(entry);
    if (leader.isEmpty()) {
      return entry;
    }
    long at = leader.getAsLong();
    if (!entry.hasBatch()) {
      return at(entry, at);
    }
    CommandBatch.Builder batch = CommandBatch.newBuilder();
    entry.getBatch().getCommandsList().forEach(command -> batch.addCommands(at(command, at)));
    return entry.toBuilder().setBatch(batch).build();
  }

  private static Command at(Command command, long at) {
    Command.Builder timed = command.toBuilder().setNowMillis(at);
    if (command.hasTouchSessions()) {
      timed.setTouchSessions(
          TouchSessions.newBuilder()
              .addAllTouches(touchedAt(command.getTouchSessions().getTouchesList(), at)));
    } else if (command.hasExpireSessions()) {
      timed.setExpireSessions(
          ExpireSessions.newBuilder()
              .addAllPendingTouches(
                  touchedAt(command.getExpireSessions().getPendingTouchesList(), at)));
    }
    return timed.build();
  }

  private static List<Touch> touchedAt(List<Touch> touches, long at) {
    return touches.stream()
        .map(touch -> touch.toBuilder().setAccessedAtMillis(at).build())
        .toList();
  }
}
