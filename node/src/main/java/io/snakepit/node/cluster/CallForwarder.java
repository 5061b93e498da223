package io.snakepit.node.cluster;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.node.metrics.MetricNames;
import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a call on another node and relays the answer, the peer's error status and details included,
 * to the caller. The caller's deadline and cancellation reach the peer through the gRPC context the
 * forwarded call starts in.
 */
public final class CallForwarder {

  private final PeerChannels channels;
  private final MetricRegistry metrics;
  private final Map<String, Timer> latencyByPeer = new ConcurrentHashMap<>();

  public CallForwarder(PeerChannels channels, MetricRegistry metrics) {
    this.channels = channels;
    this.metrics = metrics;
  }

  /**
   * @param unreachable runs instead of failing the caller when the peer could not be reached, so
   *     that the call can go to the next node: it was never sent, so it cannot run twice
   */
  void execute(
      PeerAddress peer,
      ExecuteRequest request,
      StreamObserver<ExecuteResponse> caller,
      Runnable unreachable) {
    Timer.Context timer = latency(peer.id()).time();
    SnakepitGrpc.newStub(channels.to(peer.address()))
        .execute(
            request,
            new StreamObserver<>() {
              private ExecuteResponse response;

              @Override
              public void onNext(ExecuteResponse value) {
                response = value;
              }

              @Override
              public void onError(Throwable failure) {
                relayFailure(failure, caller, unreachable);
              }

              @Override
              public void onCompleted() {
                timer.stop();
                caller.onNext(response);
                caller.onCompleted();
              }
            });
  }

  /**
   * Relays a stream with flow control: the next item is asked of the peer only once the caller can
   * take one, so a slow caller slows the peer's generator as it would a local one.
   */
  void executeStream(
      PeerAddress peer,
      ExecuteRequest request,
      ServerCallStreamObserver<ExecuteChunk> caller,
      Runnable unreachable) {
    SnakepitGrpc.newStub(channels.to(peer.address()))
        .executeStream(request, new StreamRelay(caller, unreachable));
  }

  private final class StreamRelay implements ClientResponseObserver<ExecuteRequest, ExecuteChunk> {

    private final ServerCallStreamObserver<ExecuteChunk> caller;
    private final Runnable unreachable;
    private ClientCallStreamObserver<ExecuteRequest> peer;
    private boolean itemRelayed;

    StreamRelay(ServerCallStreamObserver<ExecuteChunk> caller, Runnable unreachable) {
      this.caller = caller;
      this.unreachable = unreachable;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ExecuteRequest> peerCall) {
      this.peer = peerCall;
      peerCall.disableAutoRequestWithInitial(1);
      caller.setOnReadyHandler(this::askForMore);
    }

    private synchronized void askForMore() {
      if (caller.isReady()) {
        peer.request(1);
      }
    }

    @Override
    public void onNext(ExecuteChunk chunk) {
      synchronized (this) {
        itemRelayed = true;
        caller.onNext(chunk);
      }
      askForMore();
    }

    @Override
    public void onError(Throwable failure) {
      // Once an item went out the stream has begun here: it cannot start again elsewhere.
      relayFailure(failure, caller, itemRelayed ? () -> fail(caller, failure) : unreachable);
    }

    @Override
    public void onCompleted() {
      caller.onCompleted();
    }
  }

  private static void relayFailure(
      Throwable failure, StreamObserver<?> caller, Runnable unreachable) {
    if (neverSent(failure)) {
      unreachable.run();
    } else {
      fail(caller, failure);
    }
  }

  /** The peer's status with its trailers (error details, Python traceback) as they came. */
  private static void fail(StreamObserver<?> caller, Throwable failure) {
    Status status = Status.fromThrowable(failure);
    caller.onError(status.asRuntimeException(Status.trailersFromThrowable(failure)));
  }

  /** The connection was refused: the request never reached the peer. */
  private static boolean neverSent(Throwable failure) {
    if (!(failure instanceof StatusRuntimeException e)
        || e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
      return false;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private Timer latency(String peerId) {
    return latencyByPeer.computeIfAbsent(
        peerId, id -> metrics.timer(MetricNames.tagged("snakepit.forward.duration", "peer", id)));
  }
}
