package io.snakepit.node.cluster;

import io.grpc.stub.ServerCallStreamObserver;

/**
 * The caller's side of a call that may pass from one attempt to the next (an owner that could not
 * be reached, then the next node). grpc-java takes a call's ready and cancel handlers only while
 * the call starts, so they are set once here and run those of the attempt that holds the call now.
 */
final class HandedOverCall<T> extends ServerCallStreamObserver<T> {

  private final ServerCallStreamObserver<T> caller;
  private volatile Runnable onReady = () -> {};
  private volatile Runnable onCancel = () -> {};

  HandedOverCall(ServerCallStreamObserver<T> caller) {
    this.caller = caller;
    caller.setOnReadyHandler(() -> onReady.run());
    caller.setOnCancelHandler(() -> onCancel.run());
  }

  @Override
  public void setOnReadyHandler(Runnable handler) {
    onReady = handler;
  }

  @Override
  public void setOnCancelHandler(Runnable handler) {
    onCancel = handler;
  }

  @Override
  public boolean isCancelled() {
    return caller.isCancelled();
  }

  @Override
  public boolean isReady() {
    return caller.isReady();
  }

  @Override
  public void setCompression(String compression) {
    caller.setCompression(compression);
  }

  @Override
  public void request(int count) {
    caller.request(count);
  }

  @Override
  public void setMessageCompression(boolean enable) {
    caller.setMessageCompression(enable);
  }

  @Override
  public void disableAutoInboundFlowControl() {
    caller.disableAutoInboundFlowControl();
  }

  @Override
  public void onNext(T value) {
    caller.onNext(value);
  }

  @Override
  public void onError(Throwable failure) {
    caller.onError(failure);
  }

  @Override
  public void onCompleted() {
    caller.onCompleted();
  }
}
