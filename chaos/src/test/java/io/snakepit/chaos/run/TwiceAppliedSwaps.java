package io.snakepit.chaos.run;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.VariableOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A planted bug: every compare-and-set that succeeds, in a PutVariable call or a BatchVariables
 * call, is applied once more a little later, as a store that replays a command it already applied
 * would do. The second application ignores the version it was meant for, so it overwrites whatever
 * was written in between.
 */
final class TwiceAppliedSwaps implements ClientInterceptor, AutoCloseable {

  private static final long REPLAY_AFTER_MS = 150;

  private final ScheduledExecutorService replays = Executors.newSingleThreadScheduledExecutor();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (method.equals(SnakepitGrpc.getPutVariableMethod())) {
      return replayingSwaps(
          call,
          next,
          (request, response) -> {
            PutVariableRequest put = (PutVariableRequest) request;
            return put.hasExpectedVersion() ? List.of(put) : List.of();
          });
    }
    if (method.equals(SnakepitGrpc.getBatchVariablesMethod())) {
      return replayingSwaps(
          call,
          next,
          (request, response) ->
              swapsThatSucceeded(
                  (BatchVariablesRequest) request, (BatchVariablesResponse) response));
    }
    return call;
  }

  /**
   * The call, replaying once more the compare-and-sets that {@code succeeded} finds in a request
   * and its answer, when the call ends well.
   */
  private <Q, R> ClientCall<Q, R> replayingSwaps(
      ClientCall<Q, R> call,
      Channel next,
      BiFunction<Object, Object, List<PutVariableRequest>> succeeded) {
    return new SimpleForwardingClientCall<>(call) {
      private Object request;
      private Object response;

      @Override
      public void sendMessage(Q message) {
        request = message;
        super.sendMessage(message);
      }

      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onMessage(R message) {
                response = message;
                super.onMessage(message);
              }

              @Override
              public void onClose(Status status, Metadata trailers) {
                if (status.isOk()) {
                  for (PutVariableRequest put : succeeded.apply(request, response)) {
                    // Without its request id too, or the store would refuse the altered repeat.
                    replay(next, put.toBuilder().clearExpectedVersion().clearRequestId().build());
                  }
                }
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
  }

  private static List<PutVariableRequest> swapsThatSucceeded(
      BatchVariablesRequest request, BatchVariablesResponse response) {
    List<PutVariableRequest> swaps = new ArrayList<>();
    for (int i = 0; i < response.getOutcomesCount(); i++) {
      VariableOperation operation = request.getOperations(i);
      if (operation.hasPut()
          && operation.getPut().hasExpectedVersion()
          && response.getOutcomes(i).hasVariable()) {
        swaps.add(operation.getPut());
      }
    }
    return swaps;
  }

  private void replay(Channel channel, PutVariableRequest again) {
    replays.schedule(
        () -> {
          try {
            SnakepitGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .putVariable(again);
          } catch (StatusRuntimeException e) {
            // a replay that fails is a bug that did not happen this time
          }
        },
        REPLAY_AFTER_MS,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    replays.shutdownNow();
  }
}
