package io.snakepit.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import java.util.concurrent.CompletableFuture;

/** Completes a future with an Execute call's result, and cancels the call when it is cancelled. */
final class AsyncExecution implements ClientResponseObserver<ExecuteRequest, ExecuteResponse> {

  private final CompletableFuture<Object> result = new CompletableFuture<>();
  private ExecuteResponse response;

  CompletableFuture<Object> result() {
    return result;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<ExecuteRequest> call) {
    result.whenComplete(
        (ignored, failure) -> {
          if (result.isCancelled()) {
            call.cancel("cancelled by the caller", null);
          }
        });
  }

  @Override
  public void onNext(ExecuteResponse value) {
    response = value;
  }

  @Override
  public void onError(Throwable failure) {
    result.completeExceptionally(StatusTranslator.translate(failure));
  }

  @Override
  public void onCompleted() {
    result.complete(Values.toJava(response.getResult()));
  }
}
