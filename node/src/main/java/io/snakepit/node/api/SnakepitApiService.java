package io.snakepit.node.api;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.DeleteSessionRequest;
import io.snakepit.api.v1.DeleteSessionResponse;
import io.snakepit.api.v1.DeleteVariableRequest;
import io.snakepit.api.v1.DeleteVariableResponse;
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
import io.snakepit.api.v1.Program;
import io.snakepit.api.v1.PutProgramRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.Session;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.Variable;
import io.snakepit.node.errors.StatusMapper;
import io.snakepit.node.execute.Executions;
import io.snakepit.node.execute.PoolRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The public gRPC API: a thin layer that hands each call on and maps failures to statuses.
 *
 * <p>It runs on gRPC's network threads (the server uses a direct executor) because an execute only
 * starts asynchronous work: no thread hop is added to the hot path. Store calls may block on disk,
 * so they move to the store executor, except variable batches for a store whose variable calls
 * return at once.
 */
public final class SnakepitApiService extends SnakepitGrpc.SnakepitImplBase {

  private final Executions executions;
  private final PoolRegistry pools;
  private final StoreGateway store;
  private final Executor storeExecutor;

  public SnakepitApiService(
      Executions executions, PoolRegistry pools, StoreGateway store, Executor storeExecutor) {
    this.executions = executions;
    this.pools = pools;
    this.store = store;
    this.storeExecutor = storeExecutor;
  }

  @Override
  public void execute(ExecuteRequest request, StreamObserver<ExecuteResponse> observer) {
    executions.execute(request, (ServerCallStreamObserver<ExecuteResponse>) observer);
  }

  @Override
  public void executeStream(ExecuteRequest request, StreamObserver<ExecuteChunk> observer) {
    executions.executeStream(request, (ServerCallStreamObserver<ExecuteChunk>) observer);
  }

  @Override
  public void listTools(ListToolsRequest request, StreamObserver<ListToolsResponse> observer) {
    answer(
        observer,
        () -> ListToolsResponse.newBuilder().addAllTools(pools.tools(request.getPool())).build());
  }

  @Override
  public void createSession(CreateSessionRequest request, StreamObserver<Session> observer) {
    answerFromStore(observer, () -> store.createSession(request));
  }

  @Override
  public void getSession(GetSessionRequest request, StreamObserver<Session> observer) {
    answerFromStore(observer, () -> store.getSession(request.getSessionId()));
  }

  @Override
  public void deleteSession(
      DeleteSessionRequest request, StreamObserver<DeleteSessionResponse> observer) {
    answerFromStore(observer, () -> store.deleteSession(request));
  }

  @Override
  public void listSessions(
      ListSessionsRequest request, StreamObserver<ListSessionsResponse> observer) {
    answerFromStore(observer, () -> store.listSessions(request));
  }

  @Override
  public void getVariable(GetVariableRequest request, StreamObserver<Variable> observer) {
    answerFromStore(observer, () -> store.getVariable(request));
  }

  @Override
  public void putVariable(PutVariableRequest request, StreamObserver<Variable> observer) {
    answerFromStore(observer, () -> store.putVariable(request));
  }

  @Override
  public void deleteVariable(
      DeleteVariableRequest request, StreamObserver<DeleteVariableResponse> observer) {
    answerFromStore(observer, () -> store.deleteVariable(request));
  }

  @Override
  public void batchVariables(
      BatchVariablesRequest request, StreamObserver<BatchVariablesResponse> observer) {
    CompletableFuture<BatchVariablesResponse> answered =
        store.batchesReturnAtOnce()
            ? startBatch(request)
            : CompletableFuture.supplyAsync(() -> startBatch(request), storeExecutor)
                .thenCompose(started -> started);
    // Answered on the thread that completed the batch's last operation: handing the answer to
    // another thread would cost more than sending it, which only queues it for the transport.
    answered.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            observer.onError(StatusMapper.toStatus(failure));
          } else {
            observer.onNext(response);
            observer.onCompleted();
          }
        });
  }

  private CompletableFuture<BatchVariablesResponse> startBatch(BatchVariablesRequest request) {
    try {
      return store.batchVariables(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public void putProgram(PutProgramRequest request, StreamObserver<Program> observer) {
    answerFromStore(observer, () -> store.putProgram(request));
  }

  @Override
  public void getProgram(GetProgramRequest request, StreamObserver<Program> observer) {
    answerFromStore(observer, () -> store.getProgram(request));
  }

  private <T> void answerFromStore(StreamObserver<T> observer, Supplier<T> work) {
    storeExecutor.execute(() -> answer(observer, work));
  }

  /** Answers a unary call with the supplier's message, or with the mapped status of its failure. */
  static <T> void answer(StreamObserver<T> observer, Supplier<T> work) {
    T response;
    try {
      response = work.get();
    } catch (RuntimeException | Error e) {
      // An Error too: the caller gets INTERNAL at once rather than waiting out its deadline.
      observer.onError(StatusMapper.toStatus(e));
      if (e instanceof VirtualMachineError fatal) {
        throw fatal;
      }
      return;
    }
    observer.onNext(response);
    observer.onCompleted();
  }
}
