package io.snakepit.client;

import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.SnakepitGrpc.SnakepitStub;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A cold publisher of a streaming tool's items: every subscription runs the tool once, with the
 * call's timeout counted from the subscription.
 */
final class ToolPublisher implements Flow.Publisher<Object> {

  private final Supplier<SnakepitStub> stubs;
  private final ExecuteRequest request;

  ToolPublisher(Supplier<SnakepitStub> stubs, ExecuteRequest request) {
    this.stubs = stubs;
    this.request = request;
  }

  @Override
  public void subscribe(Flow.Subscriber<? super Object> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    StreamSubscription subscription = new StreamSubscription(subscriber);
    subscriber.onSubscribe(subscription);
    subscription.start(observer -> stubs.get().executeStream(request, observer));
  }
}
