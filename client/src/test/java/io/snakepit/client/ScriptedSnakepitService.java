package io.snakepit.client;

import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.DeleteSessionRequest;
import io.snakepit.api.v1.DeleteSessionResponse;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.GetProgramRequest;
import io.snakepit.api.v1.GetSessionRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.ListSessionsRequest;
import io.snakepit.api.v1.ListSessionsResponse;
import io.snakepit.api.v1.ListToolsRequest;
import io.snakepit.api.v1.ListToolsResponse;
import io.snakepit.api.v1.OperationError;
import io.snakepit.api.v1.Program;
import io.snakepit.api.v1.PutProgramRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.Session;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.ToolError;
import io.snakepit.api.v1.ToolInfo;
import io.snakepit.api.v1.Value;
import io.snakepit.api.v1.Variable;
import io.snakepit.api.v1.VariableOperation;
import io.snakepit.api.v1.VariableOutcome;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a node with a few scripted tools and an in-memory session table, so the SDK can be
 * tested without the node module (which depends on the SDK). Tools:
 *
 * <ul>
 *   <li>{@code echo}: returns {@code {args, session, pool}} of the request
 *   <li>{@code remaining}: returns the milliseconds left before the call's deadline, or -1
 *   <li>{@code hang}: counts down {@link #hanging}, never answers, and counts down {@link
 *       #cancelled} when the client cancels
 *   <li>{@code fail}: raises a Python ValueError
 *   <li>{@code count} (streaming): sends 0 .. {@code n - 1}, only as fast as the client asks,
 *       counting items in {@link #sent}
 * </ul>
 */
final class ScriptedSnakepitService extends SnakepitGrpc.SnakepitImplBase {

  static final String TRACEBACK = "Traceback (most recent call last):\n  ValueError: boom\n";

  final CountDownLatch hanging = new CountDownLatch(1);
  final CountDownLatch cancelled = new CountDownLatch(1);
  final AtomicInteger sent = new AtomicInteger();

  /** The size of every BatchVariables request received, in order. */
  final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

  /** BatchVariables calls wait for this before they answer; open unless a test closes it. */
  volatile CountDownLatch batchGate = new CountDownLatch(0);

  /** When set, every operation of a batch fails UNAVAILABLE, as on a node without its store. */
  volatile boolean storeUnavailable;

  /** When set, a batch answers one get only, as a node whose response had no room for more. */
  volatile boolean oneGetPerBatch;

  private final TreeMap<String, Session> sessions = new TreeMap<>();
  private final Map<String, Variable> variables = new ConcurrentHashMap<>();
  private final Map<String, Program> programs = new ConcurrentHashMap<>();

  @Override
  public void execute(ExecuteRequest request, StreamObserver<ExecuteResponse> response) {
    switch (request.getTool()) {
      case "echo" -> reply(response, echo(request));
      case "remaining" -> reply(response, Values.toValue(remainingMillis()));
      case "hang" -> {
        onCancel(response);
        hanging.countDown();
      }
      case "fail" -> response.onError(toolError());
      default -> response.onError(Status.NOT_FOUND.withDescription("no tool").asException());
    }
  }

  @Override
  public void executeStream(ExecuteRequest request, StreamObserver<ExecuteChunk> response) {
    long n = (Long) Values.toJavaMap(request.getArgs()).get("n");
    ServerCallStreamObserver<ExecuteChunk> out = onCancel(response);
    AtomicInteger next = new AtomicInteger();
    out.setOnReadyHandler(
        () -> {
          while (out.isReady() && next.get() < n) {
            out.onNext(
                ExecuteChunk.newBuilder().setItem(Values.toValue(next.getAndIncrement())).build());
            sent.incrementAndGet();
          }
          if (next.get() == n) {
            next.incrementAndGet();
            out.onCompleted();
          }
        });
  }

  @Override
  public void listTools(ListToolsRequest request, StreamObserver<ListToolsResponse> response) {
    ToolInfo count =
        ToolInfo.newBuilder()
            .setName("count")
            .setDescription("Counts.")
            .setParametersSchema("{\"type\":\"object\"}")
            .setStreaming(true)
            .setPool("default")
            .build();
    response.onNext(ListToolsResponse.newBuilder().addTools(count).build());
    response.onCompleted();
  }

  @Override
  public synchronized void createSession(
      CreateSessionRequest request, StreamObserver<Session> response) {
    Session session =
        sessions.computeIfAbsent(
            request.getSessionId(),
            id ->
                Session.newBuilder()
                    .setId(id)
                    .putAllMetadata(request.getMetadataMap())
                    .setTtl(request.getTtl())
                    .setCreatedAt(Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5))
                    .setVersion(1)
                    .build());
    response.onNext(session);
    response.onCompleted();
  }

  @Override
  public synchronized void getSession(GetSessionRequest request, StreamObserver<Session> response) {
    Session session = sessions.get(request.getSessionId());
    if (session == null) {
      response.onError(Status.NOT_FOUND.withDescription("no session").asException());
    } else {
      response.onNext(session);
      response.onCompleted();
    }
  }

  @Override
  public synchronized void deleteSession(
      DeleteSessionRequest request, StreamObserver<DeleteSessionResponse> response) {
    boolean deleted = sessions.remove(request.getSessionId()) != null;
    response.onNext(DeleteSessionResponse.newBuilder().setDeleted(deleted).build());
    response.onCompleted();
  }

  /** Pages of at most two sessions, whatever the limit, to exercise paging. */
  @Override
  public synchronized void listSessions(
      ListSessionsRequest request, StreamObserver<ListSessionsResponse> response) {
    List<Session> rest = List.copyOf(sessions.tailMap(request.getCursor(), false).values());
    List<Session> page = rest.subList(0, Math.min(2, rest.size()));
    ListSessionsResponse.Builder reply = ListSessionsResponse.newBuilder().addAllSessions(page);
    if (rest.size() > page.size()) {
      reply.setNextCursor(page.get(page.size() - 1).getId());
    }
    response.onNext(reply.build());
    response.onCompleted();
  }

  @Override
  public void getVariable(GetVariableRequest request, StreamObserver<Variable> response) {
    Variable variable = variables.get(request.getName());
    if (variable == null) {
      response.onError(Status.NOT_FOUND.withDescription("no variable").asException());
    } else {
      response.onNext(variable);
      response.onCompleted();
    }
  }

  @Override
  public synchronized void putVariable(
      PutVariableRequest request, StreamObserver<Variable> response) {
    long current =
        variables.containsKey(request.getName())
            ? variables.get(request.getName()).getVersion()
            : 0;
    if (request.hasExpectedVersion() && request.getExpectedVersion() != current) {
      response.onError(Status.ABORTED.withDescription("version is " + current).asException());
      return;
    }
    Variable variable =
        Variable.newBuilder()
            .setSessionId(request.getSessionId())
            .setName(request.getName())
            .setValue(request.getValue())
            .setVersion(current + 1)
            .build();
    variables.put(request.getName(), variable);
    response.onNext(variable);
    response.onCompleted();
  }

  /** Each operation as its own call would have answered it, after the gate opens. */
  @Override
  public void batchVariables(
      BatchVariablesRequest request, StreamObserver<BatchVariablesResponse> response) {
    batchSizes.add(request.getOperationsCount());
    try {
      if (!batchGate.await(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the test never opened the batch gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.onError(Status.CANCELLED.asException());
      return;
    }
    BatchVariablesResponse.Builder outcomes = BatchVariablesResponse.newBuilder();
    boolean answeredAGet = false;
    for (VariableOperation operation : request.getOperationsList()) {
      if (operation.hasGet() && oneGetPerBatch && answeredAGet) {
        outcomes.addOutcomes(VariableOutcome.newBuilder().setUnanswered(true));
        continue;
      }
      answeredAGet |= operation.hasGet();
      Outcome outcome = new Outcome();
      if (storeUnavailable) {
        outcome.onError(Status.UNAVAILABLE.withDescription("no store leader").asException());
      } else {
        switch (operation.getOperationCase()) {
          case GET -> getVariable(operation.getGet(), outcome);
          case PUT -> putVariable(operation.getPut(), outcome);
          default -> outcome.onError(Status.UNIMPLEMENTED.asException());
        }
      }
      outcomes.addOutcomes(outcome.built);
    }
    response.onNext(outcomes.build());
    response.onCompleted();
  }

  /** What a unary variable call answered, as a batch outcome. */
  private static final class Outcome implements StreamObserver<Variable> {
    private VariableOutcome built;

    @Override
    public void onNext(Variable variable) {
      built = VariableOutcome.newBuilder().setVariable(variable).build();
    }

    @Override
    public void onError(Throwable failure) {
      Status status = Status.fromThrowable(failure);
      built =
          VariableOutcome.newBuilder()
              .setError(
                  OperationError.newBuilder()
                      .setCode(status.getCode().value())
                      .setMessage(status.getDescription() == null ? "" : status.getDescription()))
              .build();
    }

    @Override
    public void onCompleted() {}
  }

  @Override
  public void putProgram(PutProgramRequest request, StreamObserver<Program> response) {
    Program program =
        Program.newBuilder()
            .setSessionId(request.getSessionId())
            .setProgramId(request.getProgramId())
            .setData(request.getData())
            .putAllMetadata(request.getMetadataMap())
            .setVersion(1)
            .setUpdatedAt(Timestamp.newBuilder().setSeconds(1_700_000_000))
            .build();
    programs.put(request.getProgramId(), program);
    response.onNext(program);
    response.onCompleted();
  }

  @Override
  public void getProgram(GetProgramRequest request, StreamObserver<Program> response) {
    response.onNext(programs.get(request.getProgramId()));
    response.onCompleted();
  }

  private static Value echo(ExecuteRequest request) {
    return Values.toValue(
        Map.of(
            "args", Value.newBuilder().setMapValue(request.getArgs()).build(),
            "session", request.getSessionId(),
            "pool", request.getPool()));
  }

  private static long remainingMillis() {
    return Context.current().getDeadline() == null
        ? -1
        : Context.current().getDeadline().timeRemaining(TimeUnit.MILLISECONDS);
  }

  private static void reply(StreamObserver<ExecuteResponse> response, Value result) {
    response.onNext(
        ExecuteResponse.newBuilder().setResult(result).setNodeId("n1").setWorkerId("w3").build());
    response.onCompleted();
  }

  private <T> ServerCallStreamObserver<T> onCancel(StreamObserver<T> response) {
    ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) response;
    call.setOnCancelHandler(cancelled::countDown);
    return call;
  }

  private static Throwable toolError() {
    ToolError error =
        ToolError.newBuilder()
            .setType("builtins.ValueError")
            .setMessage("boom")
            .setTraceback(TRACEBACK)
            .setKind(ToolError.Kind.RAISED)
            .build();
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.UNKNOWN_VALUE)
            .setMessage("builtins.ValueError: boom")
            .addDetails(Any.pack(error))
            .build());
  }
}
