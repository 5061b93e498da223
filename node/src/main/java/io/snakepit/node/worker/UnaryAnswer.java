package io.snakepit.node.worker;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;

/** Receives the one answer of a unary call to a worker, as a future. */
public final class UnaryAnswer<T> implements StreamObserver<T> {

  private final CompletableFuture<T> answer = new CompletableFuture<>();

  /** Completes with the answer, or fails with the call's error. */
  public CompletableFuture<T> future() {
    return answer;
  }

  @Override
  public void onNext(T response) {
    answer.complete(response);
  }

  @Override
  public void onError(Throwable failure) {
    answer.completeExceptionally(failure);
  }

  @Override
  public void onCompleted() {}
}
