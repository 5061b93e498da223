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
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A planted bug: every compare-and-set that succeeds is applied once more a little later, as a
 * store that replays a command it already applied would do. The second application ignores the
 * version it was meant for, so it overwrites whatever was written in between.
 */
final class TwiceAppliedSwaps implements ClientInterceptor, AutoCloseable {

  private static final long REPLAY_AFTER_MS = 150;

  private final ScheduledExecutorService replays = Executors.newSingleThreadScheduledExecutor();

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!method.equals(SnakepitGrpc.getPutVariableMethod())) {
      return call;
    }
    return new SimpleForwardingClientCall<>(call) {
      private PutVariableRequest put;

      @Override
      public void sendMessage(Q request) {
        put = (PutVariableRequest) request;
        super.sendMessage(request);
      }

      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              public void onClose(Status status, Metadata trailers) {
                if (status.isOk() && put.hasExpectedVersion()) {
                  // Without its request id too, or the store would refuse the altered repeat.
                  replay(next, put.toBuilder().clearExpectedVersion().clearRequestId().build());
                }
                super.onClose(status, trailers);
              }
            },
            headers);
      }
    };
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
