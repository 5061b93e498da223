package io.snakepit.node.api;

import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.DeleteSessionRequest;
import io.snakepit.api.v1.DeleteSessionResponse;
import io.snakepit.api.v1.DeleteVariableRequest;
import io.snakepit.api.v1.DeleteVariableResponse;
import io.snakepit.api.v1.GetProgramRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.ListSessionsRequest;
import io.snakepit.api.v1.ListSessionsResponse;
import io.snakepit.api.v1.PutProgramRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.VariableOperation;
import io.snakepit.api.v1.VariableOutcome;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.errors.StatusMapper;
import io.snakepit.store.Program;
import io.snakepit.store.RequestId;
import io.snakepit.store.Session;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionPage;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreFutures;
import io.snakepit.store.Variable;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Turns API requests about sessions, variables and programs into store calls, and store values into
 * API messages. Shared by the public API and the workers' callback service, so that both behave the
 * same.
 */
public final class StoreGateway {

  static final int DEFAULT_PAGE_SIZE = 100;

  /** The most operations a variable batch may hold. */
  static final int MAX_BATCH_OPERATIONS = 1000;

  /** The serialized size up to which a batch's response holds the values its gets read. */
  public static final int BATCH_GET_BYTES = 4 * 1024 * 1024;

  private static final VariableOutcome UNANSWERED =
      VariableOutcome.newBuilder().setUnanswered(true).build();

  private final SessionStore store;
  private final Duration defaultTtl;

  public StoreGateway(SessionStore store, Duration defaultTtl) {
    this.store = store;
    this.defaultTtl = defaultTtl;
  }

  /** Fails with NOT_FOUND unless the session exists; marks it accessed. */
  public void requireSession(String sessionId) {
    store.get(sessionId);
  }

  io.snakepit.api.v1.Session createSession(CreateSessionRequest request) {
    Duration ttl = request.hasTtl() ? ProtoTime.duration(request.getTtl()) : defaultTtl;
    return toProto(
        store.create(
            request.getSessionId(),
            new SessionOptions(request.getMetadataMap(), ttl),
            RequestId.optional(request.getRequestId())));
  }

  io.snakepit.api.v1.Session getSession(String sessionId) {
    return toProto(store.get(sessionId));
  }

  DeleteSessionResponse deleteSession(DeleteSessionRequest request) {
    boolean deleted =
        store.delete(request.getSessionId(), RequestId.optional(request.getRequestId()));
    return DeleteSessionResponse.newBuilder().setDeleted(deleted).build();
  }

  ListSessionsResponse listSessions(ListSessionsRequest request) {
    if (request.getLimit() < 0) {
      throw new NodeException.BadRequest("limit must not be negative: " + request.getLimit());
    }
    int limit =
        request.getLimit() == 0
            ? DEFAULT_PAGE_SIZE
            : Math.min(request.getLimit(), SessionStore.MAX_PAGE_SIZE);
    SessionPage page = store.list(request.getCursor(), limit);
    ListSessionsResponse.Builder response =
        ListSessionsResponse.newBuilder().setNextCursor(page.nextCursor());
    page.sessions().forEach(session -> response.addSessions(toProto(session)));
    return response.build();
  }

  public io.snakepit.api.v1.Variable getVariable(GetVariableRequest request) {
    return StoreFutures.join(getVariableAsync(request));
  }

  public io.snakepit.api.v1.Variable putVariable(PutVariableRequest request) {
    return StoreFutures.join(putVariableAsync(request));
  }

  public DeleteVariableResponse deleteVariable(DeleteVariableRequest request) {
    return StoreFutures.join(deleteVariableAsync(request));
  }

  /** Whether {@link #batchVariables} returns without waiting for the store. */
  boolean batchesReturnAtOnce() {
    return store.variableCallsReturnAtOnce();
  }

  /**
   * Starts every operation before any is answered, so that the store can pack them together;
   * completes once each has its outcome.
   */
  CompletableFuture<BatchVariablesResponse> batchVariables(BatchVariablesRequest request) {
    int count = request.getOperationsCount();
    if (count == 0 || count > MAX_BATCH_OPERATIONS) {
      throw new NodeException.BadRequest(
          "a batch holds 1 to " + MAX_BATCH_OPERATIONS + " operations, not " + count);
    }
    List<CompletableFuture<VariableOutcome>> outcomes =
        request.getOperationsList().stream().map(this::start).toList();
    return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
        .thenApply(
            allDone -> response(request, outcomes.stream().map(CompletableFuture::join).toList()));
  }

  /**
   * The outcomes, the values of gets only up to {@link #BATCH_GET_BYTES}: a thousand gets of large
   * values would not fit in one message, and a get is safe to send again.
   */
  private static BatchVariablesResponse response(
      BatchVariablesRequest request, List<VariableOutcome> outcomes) {
    BatchVariablesResponse.Builder response = BatchVariablesResponse.newBuilder();
    long getBytes = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      VariableOutcome outcome = outcomes.get(i);
      if (request.getOperations(i).hasGet()) {
        boolean firstGet = getBytes == 0;
        getBytes += outcome.getSerializedSize();
        if (getBytes > BATCH_GET_BYTES && !firstGet) {
          outcome = UNANSWERED;
        }
      }
      response.addOutcomes(outcome);
    }
    return response.build();
  }

  /** The operation's outcome, its failure included: a batch's future never fails. */
  private CompletableFuture<VariableOutcome> start(VariableOperation operation) {
    CompletableFuture<VariableOutcome> started;
    try {
      started =
          switch (operation.getOperationCase()) {
            case GET -> getVariableAsync(operation.getGet()).thenApply(StoreGateway::outcome);
            case PUT -> putVariableAsync(operation.getPut()).thenApply(StoreGateway::outcome);
            case DELETE ->
                deleteVariableAsync(operation.getDelete())
                    .thenApply(deleted -> VariableOutcome.newBuilder().setDeleted(deleted).build());
            case OPERATION_NOT_SET ->
                throw new NodeException.BadRequest("an operation of the batch is empty");
          };
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    return started.exceptionally(
        failure ->
            VariableOutcome.newBuilder().setError(StatusMapper.toOperationError(failure)).build());
  }

  private static VariableOutcome outcome(io.snakepit.api.v1.Variable variable) {
    return VariableOutcome.newBuilder().setVariable(variable).build();
  }

  private CompletableFuture<io.snakepit.api.v1.Variable> getVariableAsync(
      GetVariableRequest request) {
    return store
        .getVariableAsync(request.getSessionId(), request.getName())
        .thenApply(StoreGateway::toProto);
  }

  /**
   * @throws NodeException.BadRequest at once, for a request the store is not asked about
   */
  private CompletableFuture<io.snakepit.api.v1.Variable> putVariableAsync(
      PutVariableRequest request) {
    if (!request.hasValue()) {
      throw new NodeException.BadRequest("value is required (use a null value to store null)");
    }
    OptionalLong expected =
        request.hasExpectedVersion()
            ? OptionalLong.of(request.getExpectedVersion())
            : OptionalLong.empty();
    if (expected.isPresent() && expected.getAsLong() < 0) {
      throw new NodeException.BadRequest("expected_version must not be negative");
    }
    return store
        .putVariableAsync(
            request.getSessionId(),
            request.getName(),
            request.getValue(),
            expected,
            RequestId.optional(request.getRequestId()))
        .thenApply(StoreGateway::toProto);
  }

  /**
   * @throws NodeException.BadRequest at once, for a request the store is not asked about
   */
  private CompletableFuture<DeleteVariableResponse> deleteVariableAsync(
      DeleteVariableRequest request) {
    OptionalLong expected =
        request.hasExpectedVersion()
            ? OptionalLong.of(request.getExpectedVersion())
            : OptionalLong.empty();
    if (expected.isPresent() && expected.getAsLong() <= 0) {
      throw new NodeException.BadRequest("expected_version of a delete must be positive");
    }
    return store
        .deleteVariableAsync(
            request.getSessionId(),
            request.getName(),
            expected,
            RequestId.optional(request.getRequestId()))
        .thenApply(deleted -> DeleteVariableResponse.newBuilder().setDeleted(deleted).build());
  }

  io.snakepit.api.v1.Program putProgram(PutProgramRequest request) {
    return toProto(
        store.putProgram(
            request.getSessionId(),
            request.getProgramId(),
            request.getData(),
            request.getMetadataMap(),
            RequestId.optional(request.getRequestId())));
  }

  io.snakepit.api.v1.Program getProgram(GetProgramRequest request) {
    return toProto(store.getProgram(request.getSessionId(), request.getProgramId()));
  }

  private static io.snakepit.api.v1.Session toProto(Session session) {
    return io.snakepit.api.v1.Session.newBuilder()
        .setId(session.id())
        .putAllMetadata(session.metadata())
        .setTtl(ProtoTime.duration(session.ttl()))
        .setCreatedAt(ProtoTime.timestamp(session.createdAt()))
        .setLastAccessedAt(ProtoTime.timestamp(session.lastAccessedAt()))
        .setVersion(session.version())
        .build();
  }

  private static io.snakepit.api.v1.Variable toProto(Variable variable) {
    return io.snakepit.api.v1.Variable.newBuilder()
        .setSessionId(variable.sessionId())
        .setName(variable.name())
        .setValue(variable.value())
        .setVersion(variable.version())
        .build();
  }

  private static io.snakepit.api.v1.Program toProto(Program program) {
    return io.snakepit.api.v1.Program.newBuilder()
        .setSessionId(program.sessionId())
        .setProgramId(program.programId())
        .setData(program.data())
        .putAllMetadata(program.metadata())
        .setVersion(program.version())
        .setUpdatedAt(ProtoTime.timestamp(program.updatedAt()))
        .build();
  }
}
