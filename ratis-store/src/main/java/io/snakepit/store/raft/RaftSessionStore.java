package io.snakepit.store.raft;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.Value;
import io.snakepit.store.Identifiers;
import io.snakepit.store.Program;
import io.snakepit.store.RequestId;
import io.snakepit.store.Session;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionPage;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.StoreFutures;
import io.snakepit.store.StoreLimits;
import io.snakepit.store.StoreStatus;
import io.snakepit.store.Variable;
import io.snakepit.store.common.ImportChecks;
import io.snakepit.store.common.Pages;
import io.snakepit.store.common.RequestChecks;
import io.snakepit.store.common.TouchBuffer;
import io.snakepit.store.common.TouchFlusher;
import io.snakepit.store.common.UpdateAttempts;
import io.snakepit.store.rocks.RecordCodec;
import io.snakepit.store.rocks.RequestRecords;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CreateSession;
import io.snakepit.store.v1.DeleteSession;
import io.snakepit.store.v1.DeleteVariable;
import io.snakepit.store.v1.ExpireSessions;
import io.snakepit.store.v1.ExportRecords;
import io.snakepit.store.v1.GroupStatus;
import io.snakepit.store.v1.ImportCounts;
import io.snakepit.store.v1.ImportRecords;
import io.snakepit.store.v1.ListSessions;
import io.snakepit.store.v1.NodeRecord;
import io.snakepit.store.v1.ProgramKey;
import io.snakepit.store.v1.PutProgram;
import io.snakepit.store.v1.PutVariable;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.RegisterNode;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.StoredRecord;
import io.snakepit.store.v1.Touch;
import io.snakepit.store.v1.TouchSessions;
import io.snakepit.store.v1.UpdateSession;
import io.snakepit.store.v1.VariableKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session store of a cluster: every node hosts one replica of a Raft group (Apache Ratis) whose
 * state machine keeps the sessions in RocksDB. Every mutation is a command in the replicated log;
 * reads are linearizable (the leader confirms its leadership with a majority first, or answers
 * within its lease when configured). Start it with {@link #start}, stop it with {@link #close}.
 *
 * <p>Time: this node stamps its clock into every command it proposes, and replicas apply that time;
 * expiry is itself a command. No replica reads its clock while applying, so all decide the same.
 *
 * <p>Access times: a read notes its time in this node's memory, and every {@code
 * touchFlushInterval} the noted times are proposed as one command ({@link #close} proposes the
 * rest). Sessions returned by this node, and expiry proposed by it, include its noted times; other
 * nodes see them after the next flush. So the replicated {@code lastAccessedAt} lags reads by up to
 * one interval, and a node that crashes loses up to one interval of its reads' access times.
 */
public final class RaftSessionStore implements SessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(RaftSessionStore.class);

  private final ReplicatedCalls calls;
  private final CallBatcher<Command> commands;
  private final CallBatcher<Query> pointReads;
  private final RaftServer server;
  private final ReplicaChannels replicas;
  private final GroupMembership membership;
  private final Clock clock;
  private final StoreLimits limits;
  private final Duration electionTimeoutMax;
  private final TouchBuffer touches = new TouchBuffer();
  private final TouchFlusher touchFlusher;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RaftSessionStore(
      ReplicatedCalls calls,
      RaftServer server,
      ReplicaChannels replicas,
      GroupMembership membership,
      RaftStoreConfig config) {
    this.calls = calls;
    this.commands = CallBatcher.commands(calls);
    this.pointReads = CallBatcher.reads(calls);
    this.server = server;
    this.replicas = replicas;
    this.membership = membership;
    this.clock = config.clock();
    this.limits = config.limits();
    this.electionTimeoutMax = config.electionTimeoutMax();
    this.touchFlusher = new TouchFlusher(touches, this::proposeTouches);
  }

  /**
   * Starts this node's replica (recovering it from {@code config.storageDir()} when it exists) and
   * a client of the group. The group serves once a majority of its peers runs.
   *
   * @throws StoreException.Internal when the replica cannot start (port taken, storage unreadable)
   */
  public static RaftSessionStore start(RaftStoreConfig config) {
    return start(config, ReplicaNetwork.plaintextOnEveryInterface());
  }

  /**
   * As {@link #start(RaftStoreConfig)}, with the replica listening and reaching the others as
   * {@code network} says.
   */
  public static RaftSessionStore start(RaftStoreConfig config, ReplicaNetwork network) {
    CommonPool.warnIfTooSmall();
    RaftGroup group = RaftSetup.clientGroup(config);
    ReplicaChannels replicas = new ReplicaChannels(RaftPeerId.valueOf(config.selfId()), network);
    LeaderWatch leaders = new LeaderWatch(config.monotonicNanos());
    SessionStateMachine machine =
        new SessionStateMachine(
            config.databaseDir(),
            !config.join(),
            RaftSetup.readConfirmation(config, replicas),
            leaders,
            new LeaderTime(config.clock(), config.monotonicNanos()));
    RaftServer server = startServer(config, network, RaftSetup.serverGroup(config), machine);
    machine.startedIn(division(server).getRaftConf().getCurrentPeers());
    if (config.join()) {
      LOG.info(
          "The session replica {} waits outside the group {} until a member adds it",
          config.selfId(),
          group.getPeers());
    }
    ClientTransports transports = new ClientTransports(config, network, server, leaders);
    RaftClient client =
        transports.client(
            group,
            RaftSetup.clientProperties(config),
            RaftSetup.retryPolicy(config),
            RaftSetup.clientAttemptTimeout(config));
    // Its own client: a change waits for a new member to catch up, far longer than a call's
    // attempt may take.
    RaftClient adminClient =
        transports.client(
            group,
            RaftSetup.adminClientProperties(config),
            RaftSetup.adminRetryPolicy(),
            config.requestTimeout());
    RaftSessionStore store =
        new RaftSessionStore(
            new ReplicatedCalls(
                client,
                new LocalReads(
                    server,
                    replicas,
                    leaders,
                    !config.leaseReads(),
                    RaftSetup.clientAttemptTimeout(config))),
            server,
            replicas,
            GroupMembership.of(adminClient, server, machine, config.electionTimeoutMax()),
            config);
    store.touchFlusher.start(config.touchFlushInterval());
    return store;
  }

  private static RaftServer startServer(
      RaftStoreConfig config,
      ReplicaNetwork network,
      RaftGroup group,
      SessionStateMachine machine) {
    RaftServer server = null;
    try {
      server =
          RaftServer.newBuilder()
              .setServerId(RaftPeerId.valueOf(config.selfId()))
              .setGroup(group)
              .setStateMachine(machine)
              .setProperties(RaftSetup.serverProperties(config, network))
              .setParameters(
                  ReplicaTransport.secure(ReplicaService.serverParameters(machine), network))
              .setOption(RaftStorage.StartupOption.RECOVER)
              .build();
      server.start();
      return server;
    } catch (IOException | RuntimeException e) {
      closeQuietly(server);
      throw new StoreException.Internal(
          "cannot start the session replica " + config.selfId() + " in " + config.storageDir(), e);
    }
  }

  private static RaftServer.Division division(RaftServer server) {
    try {
      return server.getDivision(RaftSetup.GROUP_ID);
    } catch (IOException e) {
      closeQuietly(server);
      throw new StoreException.Internal("the session replica did not start", e);
    }
  }

  /** This node's replica, for tests and status. */
  RaftServer server() {
    return server;
  }

  @Override
  public Session create(String sessionId, SessionOptions options, Optional<RequestId> requestId) {
    Identifiers.checkSessionId(sessionId);
    limits.checkMetadata(options.metadata());
    CreateSession create =
        CreateSession.newBuilder()
            .setSessionId(sessionId)
            .putAllMetadata(options.metadata())
            .setTtlMillis(options.ttl().toMillis())
            .build();
    return touches.view(propose(command(requestId).setCreateSession(create)).getSession());
  }

  @Override
  public Session get(String sessionId) {
    Identifiers.checkSessionId(sessionId);
    return touches.view(
        readAccessing(sessionId, Query.newBuilder().setGetSession(sessionId)).getSession());
  }

  @Override
  public boolean exists(String sessionId) {
    Identifiers.checkSessionId(sessionId);
    return pointReads.call(Query.newBuilder().setSessionExists(sessionId).build()).getFound();
  }

  @Override
  public Session update(String sessionId, UnaryOperator<SessionOptions> change) {
    Identifiers.checkSessionId(sessionId);
    return UpdateAttempts.update(
        sessionId, change, limits, this::readSession, this::compareAndSetOptions);
  }

  /** Decided by the state machine, against the session as it is when the command applies. */
  private Optional<Session> compareAndSetOptions(SessionRecord read, SessionOptions changed) {
    UpdateSession update =
        UpdateSession.newBuilder()
            .setExpected(read)
            .putAllMetadata(changed.metadata())
            .setTtlMillis(changed.ttl().toMillis())
            .build();
    try {
      return Optional.of(touches.view(propose(command().setUpdateSession(update)).getSession()));
    } catch (StoreException.Conflict lost) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(String sessionId, Optional<RequestId> requestId) {
    Identifiers.checkSessionId(sessionId);
    DeleteSession delete = DeleteSession.newBuilder().setSessionId(sessionId).build();
    boolean found = propose(command(requestId).setDeleteSession(delete)).getFound();
    touches.forget(sessionId);
    return found;
  }

  @Override
  public SessionPage list(String cursor, int limit) {
    RequestChecks.checkPage(cursor, limit);
    ListSessions list = ListSessions.newBuilder().setCursor(cursor).setLimit(limit + 1).build();
    List<Session> found =
        calls
            .query(Query.newBuilder().setListSessions(list).build())
            .getSessions()
            .getSessionsList()
            .stream()
            .map(touches::view)
            .toList();
    return Pages.of(found, limit);
  }

  @Override
  public Variable getVariable(String sessionId, String name) {
    return StoreFutures.join(getVariableAsync(sessionId, name));
  }

  /** They validate, queue the call and at most start sending its batch. */
  @Override
  public boolean variableCallsReturnAtOnce() {
    return true;
  }

  @Override
  public CompletableFuture<Variable> getVariableAsync(String sessionId, String name) {
    try {
      RequestChecks.checkVariableName(sessionId, name);
    } catch (StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
    VariableKey key = VariableKey.newBuilder().setSessionId(sessionId).setName(name).build();
    return readAccessingAsync(sessionId, Query.newBuilder().setGetVariable(key))
        .thenApply(reply -> RecordCodec.variable(sessionId, name, reply.getVariable()));
  }

  @Override
  public Variable putVariable(
      String sessionId,
      String name,
      Value value,
      OptionalLong expectedVersion,
      Optional<RequestId> requestId) {
    return StoreFutures.join(putVariableAsync(sessionId, name, value, expectedVersion, requestId));
  }

  @Override
  public CompletableFuture<Variable> putVariableAsync(
      String sessionId,
      String name,
      Value value,
      OptionalLong expectedVersion,
      Optional<RequestId> requestId) {
    try {
      RequestChecks.checkVariableName(sessionId, name);
      RequestChecks.checkPutExpectedVersion(expectedVersion);
      limits.checkValue(value);
    } catch (StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
    PutVariable.Builder put =
        PutVariable.newBuilder().setSessionId(sessionId).setName(name).setValue(value);
    expectedVersion.ifPresent(put::setExpectedVersion);
    return proposeAsync(command(requestId).setPutVariable(put))
        .thenApply(reply -> RecordCodec.variable(sessionId, name, reply.getVariable()));
  }

  @Override
  public boolean deleteVariable(
      String sessionId, String name, OptionalLong expectedVersion, Optional<RequestId> requestId) {
    return StoreFutures.join(deleteVariableAsync(sessionId, name, expectedVersion, requestId));
  }

  @Override
  public CompletableFuture<Boolean> deleteVariableAsync(
      String sessionId, String name, OptionalLong expectedVersion, Optional<RequestId> requestId) {
    try {
      RequestChecks.checkVariableName(sessionId, name);
      RequestChecks.checkDeleteExpectedVersion(expectedVersion);
    } catch (StoreException e) {
      return CompletableFuture.failedFuture(e);
    }
    DeleteVariable.Builder delete =
        DeleteVariable.newBuilder().setSessionId(sessionId).setName(name);
    expectedVersion.ifPresent(delete::setExpectedVersion);
    return proposeAsync(command(requestId).setDeleteVariable(delete)).thenApply(Reply::getFound);
  }

  @Override
  public Program putProgram(
      String sessionId,
      String programId,
      ByteString data,
      Map<String, String> metadata,
      Optional<RequestId> requestId) {
    RequestChecks.checkProgramId(sessionId, programId);
    limits.checkProgram(data, metadata);
    PutProgram put =
        PutProgram.newBuilder()
            .setSessionId(sessionId)
            .setProgramId(programId)
            .setData(data)
            .putAllMetadata(metadata)
            .build();
    return RecordCodec.program(
        sessionId, programId, propose(command(requestId).setPutProgram(put)).getProgram());
  }

  @Override
  public Program getProgram(String sessionId, String programId) {
    RequestChecks.checkProgramId(sessionId, programId);
    ProgramKey key =
        ProgramKey.newBuilder().setSessionId(sessionId).setProgramId(programId).build();
    Reply reply = readAccessing(sessionId, Query.newBuilder().setGetProgram(key));
    return RecordCodec.program(sessionId, programId, reply.getProgram());
  }

  @Override
  public RecordPage exportRecords(String cursor) {
    ExportRecords export =
        ExportRecords.newBuilder().setCursor(cursor).setMaxBytes(EXPORT_PAGE_BYTES).build();
    return calls.query(Query.newBuilder().setExportRecords(export).build()).getRecords();
  }

  @Override
  public ImportCounts importRecords(List<StoredRecord> batch) {
    ImportChecks.check(batch, limits);
    ImportRecords command = ImportRecords.newBuilder().addAllRecords(batch).build();
    return propose(command().setImportRecords(command)).getImported();
  }

  @Override
  public void registerNode(String nodeId, String apiAddress) {
    RequestChecks.checkNode(nodeId, apiAddress);
    NodeRecord node = NodeRecord.newBuilder().setId(nodeId).setApiAddress(apiAddress).build();
    propose(command().setRegisterNode(RegisterNode.newBuilder().setNode(node)));
  }

  @Override
  public List<NodeRecord> nodes() {
    return calls.query(Query.newBuilder().setListNodes(true).build()).getNodes().getNodesList();
  }

  /**
   * This replica's indexes, with the view of the leader it knows of when that leader answers within
   * two election timeouts.
   */
  @Override
  public StoreStatus status() {
    RaftServer.Division local;
    try {
      local = server.getDivision(RaftSetup.GROUP_ID);
    } catch (IOException e) {
      throw new StoreException.Unavailable("this node's session replica is not running", e);
    }
    Optional<GroupStatus> leaderView =
        Optional.ofNullable(local.getInfo().getLeaderId())
            .flatMap(
                leader ->
                    calls.queryWithin(
                        Query.newBuilder().setGroupStatus(true).build(),
                        leader,
                        electionTimeoutMax.multipliedBy(2)))
            .map(Reply::getGroupStatus);
    return GroupStatuses.of(local, leaderView, electionTimeoutMax);
  }

  @Override
  public Optional<Membership> membership() {
    return Optional.of(membership);
  }

  /** Carries this node's noted access times, so that a session it just served does not expire. */
  @Override
  public int expireIdleSessions() {
    Map<String, Instant> pending = touches.toWrite();
    ExpireSessions expire =
        ExpireSessions.newBuilder().addAllPendingTouches(toTouches(pending)).build();
    int expired = propose(command().setExpireSessions(expire)).getCount();
    touches.written(pending);
    return expired;
  }

  private void proposeTouches(Map<String, Instant> pending) {
    TouchSessions touch = TouchSessions.newBuilder().addAllTouches(toTouches(pending)).build();
    propose(command().setTouchSessions(touch));
  }

  private static List<Touch> toTouches(Map<String, Instant> pending) {
    return pending.entrySet().stream()
        .map(
            touch ->
                Touch.newBuilder()
                    .setSessionId(touch.getKey())
                    .setAccessedAtMillis(touch.getValue().toEpochMilli())
                    .build())
        .toList();
  }

  /** Proposes the noted access times now rather than at the next interval. */
  void flushTouches() {
    touchFlusher.flush();
  }

  /**
   * Proposes the rest of the noted access times, then stops the client and the replica. Without a
   * majority the proposal waits up to the request timeout and the access times are lost.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      touchFlusher.close();
    } finally {
      commands.close();
      pointReads.close();
      calls.close();
      membership.close();
      closeQuietly(server);
      replicas.close();
    }
  }

  /** A read of the session or its data, which marks the session accessed once it succeeded. */
  private Reply readAccessing(String sessionId, Query.Builder query) {
    return StoreFutures.join(readAccessingAsync(sessionId, query));
  }

  private CompletableFuture<Reply> readAccessingAsync(String sessionId, Query.Builder query) {
    return pointReads
        .submit(query.build())
        .thenApply(
            reply -> {
              touches.touch(sessionId, now());
              return reply;
            });
  }

  private SessionRecord readSession(String sessionId) {
    return pointReads.call(Query.newBuilder().setGetSession(sessionId).build()).getSession();
  }

  private Reply propose(Command.Builder command) {
    return StoreFutures.join(proposeAsync(command));
  }

  /** Proposes the command; one with a request id carries its hash, computed here, not on apply. */
  private CompletableFuture<Reply> proposeAsync(Command.Builder command) {
    Command built = command.build();
    return commands.submit(built.getRequestId().isEmpty() ? built : RequestRecords.withHash(built));
  }

  /** A command stamped with this node's time, which every replica applies it with. */
  private Command.Builder command() {
    return Command.newBuilder().setNowMillis(now().toEpochMilli());
  }

  /** A command carrying the client's request id, which the state machine deduplicates by. */
  private Command.Builder command(Optional<RequestId> requestId) {
    Command.Builder command = command();
    requestId.ifPresent(id -> command.setRequestId(id.value()));
    return command;
  }

  /** Stored times have millisecond precision; so do the times a call returns. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static void closeQuietly(RaftServer server) {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Stopping the session replica {} failed", server.getId(), e);
    }
  }
}
