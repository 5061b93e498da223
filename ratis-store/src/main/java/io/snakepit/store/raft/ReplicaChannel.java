package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.v1.ForwardedRead;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.TermReply;
import io.snakepit.store.v1.TermRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.io.grpc.CallOptions;
import org.apache.ratis.thirdparty.io.grpc.Context;
import org.apache.ratis.thirdparty.io.grpc.ManagedChannel;
import org.apache.ratis.thirdparty.io.grpc.MethodDescriptor;
import org.apache.ratis.thirdparty.io.grpc.stub.ClientCalls;
import org.apache.ratis.thirdparty.io.grpc.stub.StreamObserver;

/**
 * Calls one other replica's {@link ReplicaService}, over a channel of its own to the replica's Raft
 * port.
 *
 * <p>gRPC reconnects a channel by itself, but waits longer after each failed attempt (up to two
 * minutes), while a replica that came back is needed at once when another fails: so a failed call
 * lets the channel try again at once, at most once per {@link #RECONNECT_PAUSE}.
 */
final class ReplicaChannel implements AutoCloseable {

  private static final Duration RECONNECT_PAUSE = Duration.ofMillis(100);

  private final RaftPeerId self;
  private final RaftPeer replica;
  private final ManagedChannel channel;

  /** When a failed call last let the channel reconnect, in {@link System#nanoTime}. */
  private long reconnectedAt = System.nanoTime() - RECONNECT_PAUSE.toNanos();

  ReplicaChannel(RaftPeerId self, RaftPeer replica, ReplicaNetwork network) {
    this.self = self;
    this.replica = replica;
    // Answers are taken on the channel's network thread: they complete futures, at most answering
    // the reads a round confirmed from the local database, and a hand-off to another thread cost a
    // read more than that (measured in bench/RESULTS.md). A forwarded read's answer may be as large
    // as one through Ratis's client, above gRPC's default limit.
    this.channel =
        ReplicaTransport.channelTo(replica.getAddress(), network)
            .directExecutor()
            .maxInboundMessageSize(RaftSetup.GRPC_MESSAGE_SIZE_MAX.getSizeInt())
            .build();
  }

  RaftPeer replica() {
    return replica;
  }

  /** The replica's current term, or a failed future when it did not tell it in time. */
  CompletableFuture<Long> currentTerm(Duration timeout) {
    return call(ReplicaService.CURRENT_TERM, TermRequest.getDefaultInstance(), timeout)
        .thenApply(TermReply::getTerm);
  }

  /** The leader's answer to a read sent on to it, or a failed future when it gave none in time. */
  CompletableFuture<Reply> read(ForwardedRead read, Duration timeout) {
    return call(ReplicaService.READ, read, timeout);
  }

  private <Q, A> CompletableFuture<A> call(
      MethodDescriptor<Q, A> method, Q request, Duration timeout) {
    CompletableFuture<A> answer = new CompletableFuture<>();
    if (LinkFaults.dropped(self, replica.getId(), request)) {
      CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS)
          .execute(() -> answer.completeExceptionally(unanswered("its link was cut", null)));
      return answer;
    }
    // Started in the root context: a call started while serving another (a forwarded read that
    // starts a round of term probes) would otherwise inherit that call's context and be cancelled
    // with it as soon as it is answered, failing the round at its deadline.
    Context.ROOT.run(() -> start(method, request, timeout, answer));
    return answer;
  }

  private <Q, A> void start(
      MethodDescriptor<Q, A> method, Q request, Duration timeout, CompletableFuture<A> answer) {
    ClientCalls.asyncUnaryCall(
        channel.newCall(
            method, CallOptions.DEFAULT.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS)),
        request,
        new StreamObserver<>() {
          @Override
          public void onNext(A reply) {
            answer.complete(reply);
          }

          @Override
          public void onError(Throwable failure) {
            reconnectSoon();
            answer.completeExceptionally(unanswered(failure.getMessage(), failure));
          }

          @Override
          public void onCompleted() {
            // The reply came with onNext.
          }
        });
  }

  private StoreException.Unavailable unanswered(String why, Throwable cause) {
    return new StoreException.Unavailable(
        "the replica " + replica.getId() + " did not answer: " + why, cause);
  }

  private synchronized void reconnectSoon() {
    long now = System.nanoTime();
    if (now - reconnectedAt >= RECONNECT_PAUSE.toNanos()) {
      reconnectedAt = now;
      channel.resetConnectBackoff();
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
