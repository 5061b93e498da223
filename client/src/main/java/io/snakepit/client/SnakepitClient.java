package io.snakepit.client;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.DeleteSessionRequest;
import io.snakepit.api.v1.DeleteVariableRequest;
import io.snakepit.api.v1.GetProgramRequest;
import io.snakepit.api.v1.GetSessionRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.ListSessionsRequest;
import io.snakepit.api.v1.ListToolsRequest;
import io.snakepit.api.v1.PutProgramRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.SnakepitGrpc.SnakepitBlockingStub;
import io.snakepit.api.v1.VariableOperation;
import io.snakepit.api.v1.VariableOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A client of one Snakepit node (any node of a cluster serves every call). Thread-safe; share one
 * per target and close it when done. Every method throws the typed {@link SnakepitException}s;
 * calls other than {@link #call tool calls} use the client's default timeout.
 *
 * <p>Writes of sessions, variables and programs carry a request id, new for every method call and
 * the same in each of its attempts, so that a write whose reply was lost can be sent again to
 * another node: the store applies it at most once and answers the repeat with the first reply (a
 * lost compare-and-set stays a {@link ConflictException}). Tool calls carry none.
 *
 * <p>Variable calls that threads make at the same time go to the node together, in one
 * BatchVariables request (see {@link SnakepitClientBuilder#batchVariableCalls}): each still gets
 * its own answer or exception, and a lone call is sent at once.
 */
public final class SnakepitClient implements AutoCloseable {

  /** The deadline of a call that sets none, unless the builder says otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final StubFactory stubs;
  // Empty when the builder turned batching off.
  private final Optional<VariableBatcher> variableBatcher;
  private final Supplier<String> requestIds;
  // Empty when the caller owns the channel.
  private final List<ManagedChannel> ownedChannels;

  SnakepitClient(
      List<? extends Channel> channels,
      Duration defaultTimeout,
      boolean batchVariableCalls,
      Supplier<String> requestIds,
      List<ManagedChannel> ownedChannels) {
    Endpoints endpoints = new Endpoints(channels);
    this.stubs = new StubFactory(endpoints, defaultTimeout);
    this.variableBatcher =
        batchVariableCalls
            ? Optional.of(new VariableBatcher(endpoints, defaultTimeout))
            : Optional.empty();
    this.requestIds = requestIds;
    this.ownedChannels = List.copyOf(ownedChannels);
  }

  /** Connects over plaintext to {@code host:port} with the default settings. */
  public static SnakepitClient connect(String target) {
    return builder().target(target).build();
  }

  public static SnakepitClientBuilder builder() {
    return new SnakepitClientBuilder();
  }

  /** A client over a channel the caller keeps owning: {@link #close()} leaves it open. */
  public static SnakepitClient forChannel(Channel channel, Duration defaultTimeout) {
    return new SnakepitClient(
        List.of(Objects.requireNonNull(channel, "channel")),
        SnakepitClientBuilder.requirePositive(defaultTimeout),
        true,
        SnakepitClientBuilder.RANDOM_REQUEST_IDS,
        List.of());
  }

  /** A tool call to configure and run; see {@link ToolCall}. */
  public ToolCall call(String tool) {
    return new ToolCall(stubs, tool);
  }

  public Object execute(String tool, Map<String, ?> args) {
    return call(tool).args(args).execute();
  }

  public Object execute(String sessionId, String tool, Map<String, ?> args) {
    return call(tool).session(sessionId).args(args).execute();
  }

  /** The tools of every pool of the node. */
  public List<ToolDescription> listTools() {
    return repeatable(stub -> stub.listTools(ListToolsRequest.getDefaultInstance()))
        .getToolsList()
        .stream()
        .map(ToolDescription::from)
        .toList();
  }

  /** Creates a session with the node's default TTL, or returns the existing one. */
  public SessionInfo createSession(String sessionId) {
    return createSession(CreateSessionRequest.newBuilder().setSessionId(sessionId));
  }

  /**
   * Creates a session, or returns the existing one unchanged.
   *
   * @param ttl idle time before it expires: {@link Duration#ZERO} for never, null for the node's
   *     default
   */
  public SessionInfo createSession(String sessionId, Map<String, String> metadata, Duration ttl) {
    CreateSessionRequest.Builder request =
        CreateSessionRequest.newBuilder().setSessionId(sessionId).putAllMetadata(metadata);
    if (ttl != null) {
      request.setTtl(ProtoTime.toProto(ttl));
    }
    return createSession(request);
  }

  /**
   * @throws NotFoundException when there is no such session
   */
  public SessionInfo getSession(String sessionId) {
    return SessionInfo.from(
        repeatable(
            stub ->
                stub.getSession(GetSessionRequest.newBuilder().setSessionId(sessionId).build())));
  }

  /**
   * Deletes a session with its variables and programs; false when there was none. A retry after a
   * lost reply answers as the first attempt did.
   */
  public boolean deleteSession(String sessionId) {
    DeleteSessionRequest request =
        DeleteSessionRequest.newBuilder()
            .setSessionId(sessionId)
            .setRequestId(requestIds.get())
            .build();
    return deduplicated(stub -> stub.deleteSession(request)).getDeleted();
  }

  /**
   * @param cursor null or empty for the first page, then the previous page's next cursor
   * @param limit at most this many sessions; 0 for the node's default (100)
   */
  public SessionPage listSessions(String cursor, int limit) {
    ListSessionsRequest request =
        ListSessionsRequest.newBuilder()
            .setCursor(Objects.requireNonNullElse(cursor, ""))
            .setLimit(limit)
            .build();
    return SessionPage.from(repeatable(stub -> stub.listSessions(request)));
  }

  /** Every session, ordered by id, fetching the next page only when the stream reaches it. */
  public Stream<SessionInfo> allSessions() {
    return Stream.iterate(
            listSessions(null, 0),
            Objects::nonNull,
            page -> page.nextCursor().map(cursor -> listSessions(cursor, 0)).orElse(null))
        .flatMap(page -> page.sessions().stream());
  }

  /**
   * @throws NotFoundException when the session or the variable does not exist
   */
  public VariableValue getVariable(String sessionId, String name) {
    GetVariableRequest request =
        GetVariableRequest.newBuilder().setSessionId(sessionId).setName(name).build();
    return VariableValue.from(
        variableCall(
            VariableOperation.newBuilder().setGet(request).build(),
            VariableOutcome::getVariable,
            () -> repeatable(stub -> stub.getVariable(request))));
  }

  /** Writes a variable unconditionally and returns its new version. */
  public long putVariable(String sessionId, String name, Object value) {
    return putVariable(variableWrite(sessionId, name, value));
  }

  /**
   * Writes a variable only if it is at {@code expectedVersion} (0: only if it does not exist yet)
   * and returns its new version.
   *
   * @throws ConflictException when the variable is at another version
   */
  public long putVariable(String sessionId, String name, Object value, long expectedVersion) {
    return putVariable(variableWrite(sessionId, name, value).setExpectedVersion(expectedVersion));
  }

  /** False when there was no such variable. */
  public boolean deleteVariable(String sessionId, String name) {
    return deleteVariable(DeleteVariableRequest.newBuilder().setSessionId(sessionId).setName(name));
  }

  /**
   * Deletes a variable only if it is at {@code expectedVersion} (positive).
   *
   * @throws ConflictException when the variable is at another version or absent
   */
  public boolean deleteVariable(String sessionId, String name, long expectedVersion) {
    return deleteVariable(
        DeleteVariableRequest.newBuilder()
            .setSessionId(sessionId)
            .setName(name)
            .setExpectedVersion(expectedVersion));
  }

  public ProgramInfo putProgram(
      String sessionId, String programId, byte[] data, Map<String, String> metadata) {
    PutProgramRequest request =
        PutProgramRequest.newBuilder()
            .setSessionId(sessionId)
            .setProgramId(programId)
            .setData(ByteString.copyFrom(data))
            .putAllMetadata(metadata)
            .setRequestId(requestIds.get())
            .build();
    return ProgramInfo.from(deduplicated(stub -> stub.putProgram(request)));
  }

  /**
   * @throws NotFoundException when the session or the program does not exist
   */
  public ProgramInfo getProgram(String sessionId, String programId) {
    GetProgramRequest request =
        GetProgramRequest.newBuilder().setSessionId(sessionId).setProgramId(programId).build();
    return ProgramInfo.from(repeatable(stub -> stub.getProgram(request)));
  }

  /**
   * Closes the channel this client opened, waiting a few seconds for calls in flight; a channel
   * given to {@link #forChannel} stays open.
   */
  @Override
  public void close() {
    ownedChannels.forEach(ManagedChannel::shutdown);
    try {
      for (ManagedChannel channel : ownedChannels) {
        if (!channel.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
          channel.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      ownedChannels.forEach(ManagedChannel::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }

  private SessionInfo createSession(CreateSessionRequest.Builder request) {
    CreateSessionRequest withId = request.setRequestId(requestIds.get()).build();
    return SessionInfo.from(deduplicated(stub -> stub.createSession(withId)));
  }

  private PutVariableRequest.Builder variableWrite(String sessionId, String name, Object value) {
    return PutVariableRequest.newBuilder()
        .setSessionId(sessionId)
        .setName(name)
        .setValue(Values.toValue(value));
  }

  private long putVariable(PutVariableRequest.Builder request) {
    PutVariableRequest withId = request.setRequestId(requestIds.get()).build();
    return variableCall(
            VariableOperation.newBuilder().setPut(withId).build(),
            VariableOutcome::getVariable,
            () -> deduplicated(stub -> stub.putVariable(withId)))
        .getVersion();
  }

  private boolean deleteVariable(DeleteVariableRequest.Builder request) {
    DeleteVariableRequest withId = request.setRequestId(requestIds.get()).build();
    return variableCall(
            VariableOperation.newBuilder().setDelete(withId).build(),
            VariableOutcome::getDeleted,
            () -> deduplicated(stub -> stub.deleteVariable(withId)))
        .getDeleted();
  }

  /** Through the batcher, packed with the other threads' variable calls, or as its own call. */
  private <T> T variableCall(
      VariableOperation operation, Function<VariableOutcome, T> result, Supplier<T> alone) {
    return variableBatcher.map(batcher -> result.apply(batcher.call(operation))).orElseGet(alone);
  }

  /** A read, or a write the API defines as idempotent: any node may be asked again. */
  private <T> T repeatable(Function<SnakepitBlockingStub, T> call) {
    return stubs.blocking(Failover.Safety.REPEATABLE, call);
  }

  /**
   * A write carrying a request id made once per call, so that every attempt sends the same id and
   * the store applies it at most once: any node may be asked again.
   */
  private <T> T deduplicated(Function<SnakepitBlockingStub, T> call) {
    return stubs.blocking(Failover.Safety.DEDUPLICATED, call);
  }
}
