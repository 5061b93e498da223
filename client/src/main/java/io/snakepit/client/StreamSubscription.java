package io.snakepit.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Bridges one ExecuteStream call to one {@link Flow.Subscriber}: the subscriber's demand becomes
 * gRPC flow control (the node sends no item nobody asked for), and cancelling the subscription
 * cancels the call.
 *
 * <p>gRPC counts requested messages in an int while Flow demand is a long, so at most {@code
 * Integer.MAX_VALUE} messages are requested from gRPC at a time and topped up as items arrive.
 */
final class StreamSubscription
    implements Flow.Subscription, ClientResponseObserver<ExecuteRequest, ExecuteChunk> {

  private final Flow.Subscriber<? super Object> subscriber;
  private final Object lock = new Object();

  // All guarded by lock.
  private ClientCallStreamObserver<ExecuteRequest> call;
  private boolean started;
  private boolean cancelled;
  // Set when the subscription ends the call itself (bad demand): reported instead of CANCELLED.
  private Throwable failure;
  // Items the subscriber asked for and did not get yet; Long.MAX_VALUE means unbounded (§3.17).
  private long demand;
  // Items requested from gRPC and not received yet.
  private long requestedFromGrpc;

  StreamSubscription(Flow.Subscriber<? super Object> subscriber) {
    this.subscriber = subscriber;
  }

  /** Starts the call unless the subscriber cancelled in onSubscribe; passes on early demand. */
  void start(Consumer<StreamSubscription> startCall) {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      startCall.accept(this);
      started = true;
      requestFromGrpc();
    }
  }

  @Override
  public void request(long n) {
    if (n <= 0) {
      fail(new IllegalArgumentException("§3.9: request(n) needs a positive n, got " + n));
      return;
    }
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
      if (started) {
        requestFromGrpc();
      }
    }
  }

  @Override
  public void cancel() {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      if (started) {
        call.cancel("cancelled by the subscriber", null);
      }
    }
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ExecuteRequest> requestStream) {
    call = requestStream;
    call.disableAutoRequestWithInitial(0);
  }

  @Override
  public void onNext(ExecuteChunk chunk) {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      requestedFromGrpc--;
      requestFromGrpc();
    }
    subscriber.onNext(Values.toJava(chunk.getItem()));
  }

  @Override
  public void onError(Throwable error) {
    Throwable reported;
    synchronized (lock) {
      if (cancelled && failure == null) {
        return;
      }
      cancelled = true;
      reported = failure != null ? failure : StatusTranslator.translate(error);
    }
    subscriber.onError(reported);
  }

  @Override
  public void onCompleted() {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
    }
    subscriber.onComplete();
  }

  private void fail(Throwable error) {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      failure = error;
      if (started) {
        // gRPC then calls onError, which reports the failure in order with the other signals.
        call.cancel("the subscriber broke the Flow contract", error);
        return;
      }
    }
    // Not started: no gRPC signal can race with this one.
    subscriber.onError(error);
  }

  private void requestFromGrpc() {
    long missing = Math.min(demand, Integer.MAX_VALUE) - requestedFromGrpc;
    if (missing > 0) {
      requestedFromGrpc += missing;
      call.request((int) missing);
    }
  }
}
