package io.snakepit.client;

import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.OperationError;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.VariableOperation;
import io.snakepit.api.v1.VariableOutcome;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Packs the variable calls that a client's threads make at the same time into BatchVariables calls.
 * While {@link #MAX_IN_FLIGHT} batches are on their way, new calls wait and go together in the
 * next; so a lone call goes at once, and a busy client sends fewer, larger requests: one gRPC call,
 * one hand-off to the node's store and one log entry or ReadIndex for many. The calls of a batch
 * are concurrent, as the threads that made them are.
 *
 * <p>Every operation is safe to send again (reads, and writes with a request id): a batch, or the
 * operations of one, that a node answers UNAVAILABLE go to the next node, as {@link Failover} does
 * for a single call, and gets the node's response had no room for go to it again.
 */
final class VariableBatcher {

  /**
   * Batches on their way at once. Two: one fills while the other is out, and more would make the
   * batches smaller without making the node faster.
   */
  static final int MAX_IN_FLIGHT = 2;

  /** Half the node's limit (1000), so that a batch never comes near it. */
  static final int MAX_OPERATIONS = 500;

  /** Operations are added while the request is below this; far under the nodes' message limit. */
  private static final int MAX_BYTES = 1024 * 1024;

  private record Pending(
      VariableOperation operation, Deadline deadline, CompletableFuture<VariableOutcome> outcome) {}

  private final Endpoints endpoints;
  private final Duration timeout;
  private final Deque<Pending> waiting = new ArrayDeque<>();
  private int inFlight; // guarded by this

  VariableBatcher(Endpoints endpoints, Duration timeout) {
    this.endpoints = endpoints;
    this.timeout = timeout;
  }

  /**
   * The operation's outcome, sent with the other calls waiting.
   *
   * @throws SnakepitException the operation's failure, as its own call would have thrown it
   */
  VariableOutcome call(VariableOperation operation) {
    Pending pending =
        new Pending(
            operation,
            Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS),
            new CompletableFuture<>());
    List<Pending> batch = null;
    synchronized (this) {
      waiting.add(pending);
      if (inFlight < MAX_IN_FLIGHT) {
        inFlight++;
        batch = takeBatch();
      }
    }
    if (batch != null) {
      send(batch, 1);
    }
    VariableOutcome outcome = await(pending.outcome());
    if (outcome.hasError()) {
      throw StatusTranslator.translate(asStatus(outcome.getError()));
    }
    return outcome;
  }

  /** Calls waiting for a batch to go out in. */
  synchronized int waiting() {
    return waiting.size();
  }

  private List<Pending> takeBatch() {
    List<Pending> batch = new ArrayList<>();
    int bytes = 0;
    while (!waiting.isEmpty() && batch.size() < MAX_OPERATIONS && bytes < MAX_BYTES) {
      Pending next = waiting.poll();
      batch.add(next);
      bytes += next.operation().getSerializedSize();
    }
    return batch;
  }

  /** Sends the batch; when it is answered, this in-flight slot sends what waits, or frees. */
  private void send(List<Pending> batch, int attempt) {
    List<Pending> live = new ArrayList<>();
    for (Pending pending : batch) {
      if (pending.deadline().isExpired()) {
        pending.outcome().completeExceptionally(expired());
      } else {
        live.add(pending);
      }
    }
    if (live.isEmpty()) {
      sendWaiting();
      return;
    }
    Channel channel = endpoints.current();
    BatchVariablesRequest.Builder request = BatchVariablesRequest.newBuilder();
    live.forEach(pending -> request.addOperations(pending.operation()));
    Deadline earliest = live.stream().map(Pending::deadline).min(Comparator.naturalOrder()).get();
    SnakepitGrpc.newStub(channel)
        .withDeadline(earliest)
        // The answer is handled on the transport's thread: it only completes futures and sends
        // what waits, and a hop to gRPC's executor first would cost a thread switch per batch.
        .withExecutor(Runnable::run)
        .batchVariables(
            request.build(),
            new StreamObserver<>() {
              private BatchVariablesResponse response;

              @Override
              public void onNext(BatchVariablesResponse value) {
                response = value;
              }

              @Override
              public void onError(Throwable failure) {
                failed(live, attempt, channel, failure);
              }

              @Override
              public void onCompleted() {
                answered(live, attempt, channel, response);
              }
            });
  }

  private void answered(
      List<Pending> batch, int attempt, Channel channel, BatchVariablesResponse response) {
    if (response == null || response.getOutcomesCount() != batch.size()) {
      failAll(
          batch,
          new InternalException(
              "a batch of "
                  + batch.size()
                  + " variable operations got "
                  + (response == null ? 0 : response.getOutcomesCount())
                  + " outcomes",
              null));
      return;
    }
    List<Pending> unavailable = new ArrayList<>();
    List<Pending> unanswered = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      VariableOutcome outcome = response.getOutcomes(i);
      if (outcome.getUnanswered()) {
        unanswered.add(batch.get(i));
      } else if (outcome.hasError()
          && outcome.getError().getCode() == Status.Code.UNAVAILABLE.value()
          && attempt < endpoints.size()) {
        unavailable.add(batch.get(i));
      } else {
        batch.get(i).outcome().complete(outcome);
      }
    }
    if (!unavailable.isEmpty()) {
      endpoints.moveOnFrom(channel);
      unavailable.addAll(unanswered);
      send(unavailable, attempt + 1);
    } else if (!unanswered.isEmpty()) {
      // Gets the response had no room for: the node answers at least one each time.
      send(unanswered, attempt);
    } else {
      sendWaiting();
    }
  }

  private void failed(List<Pending> batch, int attempt, Channel channel, Throwable failure) {
    if (Status.fromThrowable(failure).getCode() == Status.Code.UNAVAILABLE
        && attempt < endpoints.size()) {
      endpoints.moveOnFrom(channel);
      send(batch, attempt + 1);
      return;
    }
    failAll(batch, StatusTranslator.translate(failure));
  }

  private void failAll(List<Pending> batch, SnakepitException failure) {
    batch.forEach(pending -> pending.outcome().completeExceptionally(failure));
    sendWaiting();
  }

  private void sendWaiting() {
    List<Pending> next;
    synchronized (this) {
      if (waiting.isEmpty()) {
        inFlight--;
        return;
      }
      next = takeBatch();
    }
    send(next, 1);
  }

  private static VariableOutcome await(CompletableFuture<VariableOutcome> outcome) {
    try {
      return outcome.get();
    } catch (ExecutionException e) {
      throw StatusTranslator.translate(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StatusTranslator.translate(
          Status.CANCELLED.withDescription("interrupted while waiting").asRuntimeException());
    }
  }

  private static StatusRuntimeException asStatus(OperationError error) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(error.getCode())
            .setMessage(error.getMessage())
            .addAllDetails(error.getDetailsList())
            .build());
  }

  private static StatusRuntimeException expired() {
    return Status.DEADLINE_EXCEEDED
        .withDescription("the call's deadline passed before it was sent")
        .asRuntimeException();
  }
}
