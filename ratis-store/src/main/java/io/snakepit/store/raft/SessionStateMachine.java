package io.snakepit.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.snakepit.store.StoreException;
import io.snakepit.store.rocks.SessionRecords;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session store's replicated state machine: applies commands in log order into RocksDB and
 * snapshots with RocksDB checkpoints.
 *
 * <p>Ratis calls {@link #applyTransaction}, {@link #takeSnapshot} and {@link #reinitialize} from
 * one thread, in log order; {@link #query} from others.
 */
final class SessionStateMachine extends BaseStateMachine {

  private static final Logger LOG = LoggerFactory.getLogger(SessionStateMachine.class);

  private final Path databaseDir;
  private final ReadConfirmation readConfirmation;
  private final CheckpointStorage snapshots = new CheckpointStorage();
  private final CompletableFuture<String> removed = new CompletableFuture<>();
  private final LeaderWatch leaders;
  private final LeaderTime time;
  private volatile LiveDatabase database;

  /**
   * Whether this replica was in a configuration it applied (or started in one): a joining replica
   * catching up applies earlier configurations without it, which do not mean it was removed.
   */
  private volatile boolean member;

  /**
   * @param startsAsMember false for a replica that waits to be added to the group
   * @param readConfirmation what a read waits for before it is answered
   * @param leaders told of each leader this replica recognises
   * @param time the group's time, which this replica stamps into entries while it leads
   */
  SessionStateMachine(
      Path databaseDir,
      boolean startsAsMember,
      ReadConfirmation readConfirmation,
      LeaderWatch leaders,
      LeaderTime time) {
    this.databaseDir = databaseDir;
    this.readConfirmation = readConfirmation;
    this.member = startsAsMember;
    this.leaders = leaders;
    this.time = time;
  }

  /**
   * On the leader, before it appends a write: stamps the group's time into the entry, which every
   * replica then applies it with.
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) {
    return TransactionContext.newBuilder()
        .setStateMachine(this)
        .setClientRequest(request)
        .setLogData(
            request
                .getMessage()
                .getContent()
                .concat(ByteString.copyFrom(EntryTime.stamp(time.stamp()))))
        .build();
  }

  /** Ratis calls it when this replica hears from a new leader, or becomes the leader. */
  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    leaders.recognised(newLeaderId);
  }

  /**
   * Marks this replica a member when the configuration it started with has it: a node restarted
   * after it joined (and still set to join) starts from its stored configuration.
   */
  void startedIn(Collection<RaftPeer> configuration) {
    if (configuration.stream().anyMatch(peer -> peer.getId().equals(getId()))) {
      member = true;
    }
  }

  /** Completes once this replica was removed from the group; see {@link #removed}. */
  CompletableFuture<String> removal() {
    return removed;
  }

  /**
   * Ratis calls it on every replica as it applies a committed configuration: the leader that
   * removed itself too, before it closes its replica.
   *
   * <p>A configuration applied is not always the group's latest: a replica removed, wiped and added
   * back with its id catches up through the configurations that first had it and then removed it,
   * while its log already holds (or soon will) the one that added it back. So what counts is the
   * latest configuration this replica knows (appended, perhaps not yet applied), when it knows one:
   * it became a member once that one has it, and it was removed when a configuration without it is
   * applied while the latest lacks it too.
   */
  @Override
  public void notifyConfigurationChanged(
      long term, long index, RaftConfigurationProto configuration) {
    String self = getId().toString();
    boolean inConfiguration =
        latestHasSelf()
            .orElseGet(
                () ->
                    configuration.getPeersList().stream()
                        .anyMatch(peer -> peer.getId().toStringUtf8().equals(self)));
    if (inConfiguration) {
      member = true;
    } else if (member) {
      removed.complete(
          "the group committed a configuration without "
              + self
              + " at index "
              + index
              + ": "
              + configuration.getPeersList().stream()
                  .map(peer -> peer.getId().toStringUtf8())
                  .sorted()
                  .toList());
    }
  }

  /** Whether the latest configuration of this replica's division has it; empty when unknown. */
  private Optional<Boolean> latestHasSelf() {
    try {
      CompletableFuture<RaftServer> server = getServer();
      if (!server.isDone() || getGroupId() == null) {
        return Optional.empty();
      }
      return Optional.of(
          server.join().getDivision(getGroupId()).getRaftConf().getCurrentPeers().stream()
              .anyMatch(peer -> peer.getId().equals(getId())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Ratis shuts a replica down when it finds itself outside the configuration: at its election
   * timeout, or told by the leader it asked for a vote. A removed follower often learns it this
   * way, because the leader stops replicating to it before it saw the change committed. ({@code
   * allServer} is the whole server closing, as this node's own shutdown does: no removal.)
   */
  @Override
  public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
    if (allServer) {
      return;
    }
    removed.complete(
        "Ratis shut the replica "
            + getId()
            + " down: it is not in the group's configuration any more");
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    getLifeCycle()
        .startAndTransition(
            () -> {
              super.initialize(server, groupId, raftStorage);
              snapshots.init(raftStorage);
              database = LiveDatabase.open(databaseDir);
              Optional<CheckpointStorage.Snapshot> latest = snapshots.latest();
              if (latest.isPresent()) {
                // Behind the snapshot: the database was lost, or a crash came between installing
                // a snapshot and swapping it in.
                if (database.applied().getIndex() < latest.get().termIndex().getIndex()) {
                  database.replaceWith(latest.get().dir());
                }
                setLastAppliedTermIndex(latest.get().termIndex());
              }
            });
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return snapshots;
  }

  /**
   * Applies one committed entry, writing its position with its changes. After a restart Ratis
   * replays from the last snapshot; what the database already holds is answered but not applied
   * again.
   */
  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex position = TermIndex.valueOf(entry);
    Optional<Command> command = decode(entry);
    command.ifPresent(stamped -> EntryTime.of(stamped).ifPresent(time::learned));
    Reply reply = new LogEntryApplier(database).apply(position, command.map(EntryTime::applied));
    updateLastAppliedTermIndex(position);
    return CompletableFuture.completedFuture(Messages.of(reply));
  }

  private static Optional<Command> decode(LogEntryProto entry) {
    try {
      return Optional.of(
          Messages.parse(Command.parser(), entry.getStateMachineLogEntry().getLogData()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /**
   * Answers reads, the leader's once it confirmed its leadership; the group status is answered at
   * once, by any replica (the status of a leader cut off from its majority too).
   */
  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      Query query = Messages.parse(Query.parser(), request.getContent());
      return answer(query, readConfirmation::confirm).thenApply(Messages::of);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Answers a read that the replica {@code asker}'s node sent on to this one, at {@code askerTerm}:
   * only while this replica leads and has applied what its predecessors committed, which Ratis
   * checks for the reads it hands over.
   */
  CompletableFuture<Reply> queryForwarded(RaftPeerId asker, long askerTerm, Query query) {
    return answer(
        query,
        replica ->
            replica.getInfo().isLeaderReady()
                ? readConfirmation.confirmForwarded(replica, asker, askerTerm)
                : CompletableFuture.failedFuture(
                    new StoreException.Unavailable(
                        "the replica " + replica.getId() + " is not the serving leader", null)));
  }

  private CompletableFuture<Reply> answer(
      Query query, Function<RaftServer.Division, CompletableFuture<Void>> confirmation) {
    try {
      RaftServer.Division replica = getServer().get().getDivision(getGroupId());
      if (query.getKindCase() == Query.KindCase.GROUP_STATUS) {
        return CompletableFuture.completedFuture(
            Reply.newBuilder().setGroupStatus(GroupStatuses.view(replica)).build());
      }
      return confirmation
          .apply(replica)
          .thenApply(confirmed -> new QueryReader(database.records()).answer(query));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    } catch (ExecutionException | IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A RocksDB checkpoint of everything applied so far. */
  @Override
  public long takeSnapshot() throws IOException {
    TermIndex applied = getLastAppliedTermIndex();
    if (applied.getIndex() < 0) {
      return applied.getIndex();
    }
    snapshots.create(applied, database::checkpoint);
    LOG.info("Took snapshot {}", applied);
    return applied.getIndex();
  }

  @Override
  public void pause() {
    if (getLifeCycleState() == LifeCycle.State.RUNNING) {
      getLifeCycle().transition(LifeCycle.State.PAUSING);
      getLifeCycle().transition(LifeCycle.State.PAUSED);
    }
  }

  /** Swaps in the snapshot Ratis just installed from the leader. */
  @Override
  public void reinitialize() throws IOException {
    CheckpointStorage.Snapshot installed =
        snapshots.latest().orElseThrow(() -> new IOException("no snapshot to reinitialize from"));
    database.replaceWith(installed.dir());
    setLastAppliedTermIndex(installed.termIndex());
    LOG.info("Reinitialized from snapshot {}", installed.termIndex());
    if (getLifeCycleState() == LifeCycle.State.PAUSED) {
      getLifeCycle().transition(LifeCycle.State.STARTING);
      getLifeCycle().transition(LifeCycle.State.RUNNING);
    }
  }

  /** This replica's records, for comparing replicas in tests and for status. */
  SessionRecords records() {
    return database.records();
  }

  @Override
  public void close() {
    LiveDatabase open = database;
    if (open != null) {
      open.close();
    }
  }
}
