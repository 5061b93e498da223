package io.snakepit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolCallTest {

  private ScriptedServer server;
  private SnakepitClient client;

  @BeforeEach
  void start() throws Exception {
    server = new ScriptedServer();
    client = server.client(Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void executeSendsArgumentsSessionAndPoolAndReturnsTheResult() {
    ExecuteResult result =
        client.call("echo").arg("b", 2).arg("a", 1L).session("s1").pool("gpu").executeDetailed();

    assertThat(result.nodeId()).isEqualTo("n1");
    assertThat(result.workerId()).isEqualTo("w3");
    Map<String, Object> echoed = Results.asMap(result.result());
    assertThat(echoed).containsEntry("session", "s1").containsEntry("pool", "gpu");
    assertThat(Results.asMap(echoed.get("args")))
        .containsExactly(Map.entry("b", 2L), Map.entry("a", 1L));
  }

  @Test
  void executeShortcutsPassTheSession() {
    Object result = client.execute("s9", "echo", Map.of("x", "y"));

    assertThat(Results.asMap(result)).containsEntry("session", "s9");
  }

  @Test
  void toolErrorsBecomeToolExceptions() {
    assertThatThrownBy(() -> client.call("fail").execute())
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.pythonType()).isEqualTo("builtins.ValueError");
              assertThat(e.pythonTraceback()).isEqualTo(ScriptedSnakepitService.TRACEBACK);
              assertThat(e.isPrecondition()).isFalse();
            });
  }

  @Test
  void theCallTimeoutIsTheDeadlineTheServerSees() {
    long remaining = (Long) client.call("remaining").timeout(Duration.ofMillis(800)).execute();

    assertThat(remaining).isBetween(1L, 800L);
  }

  @Test
  void theClientDefaultTimeoutAppliesWhenTheCallSetsNone() {
    long remaining = (Long) client.call("remaining").execute();

    assertThat(remaining).isBetween(5_000L, 10_000L);
  }

  @Test
  void aPassedDeadlineFailsTheCall() {
    assertThatThrownBy(() -> client.call("hang").timeout(Duration.ofMillis(100)).execute())
        .isInstanceOf(DeadlineExceededException.class);
  }

  @Test
  void executeAsyncCompletesWithTheResult() throws Exception {
    Object result = client.call("echo").arg("a", 1).executeAsync().get(5, TimeUnit.SECONDS);

    assertThat(Results.asMap(result)).containsKey("args");
  }

  @Test
  void executeAsyncFailsWithTypedExceptions() {
    CompletableFuture<Object> future = client.call("fail").executeAsync();

    assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(ToolException.class);
  }

  @Test
  void cancellingTheFutureCancelsTheCallOnTheServer() throws Exception {
    CompletableFuture<Object> future = client.call("hang").executeAsync();
    assertThat(server.service.hanging.await(5, TimeUnit.SECONDS)).isTrue();

    future.cancel(true);

    assertThat(server.service.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aStreamYieldsEveryItem() {
    List<Object> items = new ArrayList<>();
    try (ToolStream stream = client.call("count").arg("n", 4).stream()) {
      stream.forEachRemaining(items::add);
    }

    assertThat(items).containsExactly(0L, 1L, 2L, 3L);
  }

  @Test
  void closingAStreamEarlyCancelsTheServerSideAfterFewItems() throws Exception {
    try (ToolStream stream = client.call("count").arg("n", 1_000_000).stream()) {
      assertThat(stream.next()).isEqualTo(0L);
      assertThat(stream.next()).isEqualTo(1L);
    }

    assertThat(server.service.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(server.service.sent.get()).isLessThan(10);
  }

  @Test
  void aClosedStreamHasNoMoreItems() {
    ToolStream stream = client.call("count").arg("n", 10).stream();
    stream.close();

    assertThat(stream.hasNext()).isFalse();
  }

  @Test
  void thePublisherSendsOnlyWhatTheSubscriberRequests() throws Exception {
    RecordingSubscriber subscriber = new RecordingSubscriber();
    client.call("count").arg("n", 100).publisher().subscribe(subscriber);

    subscriber.subscription.request(1);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subscriber.items.size() == 1 && server.service.sent.get() == 1);

    subscriber.subscription.request(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.items.size() == 3);
    assertThat(subscriber.items).containsExactly(0L, 1L, 2L);

    subscriber.subscription.cancel();
    assertThat(server.service.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(server.service.sent.get()).isEqualTo(3);
  }

  @Test
  void demandSignalledInOnSubscribeIsHonoured() {
    RecordingSubscriber subscriber = new RecordingSubscriber(2);
    client.call("count").arg("n", 100).publisher().subscribe(subscriber);

    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subscriber.items.size() == 2);
    subscriber.subscription.cancel();
  }

  @Test
  void thePublisherCompletesAnUnboundedSubscriber() {
    RecordingSubscriber subscriber = new RecordingSubscriber();
    client.call("count").arg("n", 5).publisher().subscribe(subscriber);

    subscriber.subscription.request(Long.MAX_VALUE);

    await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.completed);
    assertThat(subscriber.items).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void thePublisherReportsErrorsTyped() {
    RecordingSubscriber subscriber = new RecordingSubscriber();
    client.call("nope").publisher().subscribe(subscriber);

    subscriber.subscription.request(1);

    await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.error != null);
    assertThat(subscriber.error).isInstanceOf(SnakepitException.class);
  }

  @Test
  void aNonPositiveRequestFailsTheSubscription() {
    RecordingSubscriber subscriber = new RecordingSubscriber();
    client.call("count").arg("n", 5).publisher().subscribe(subscriber);

    subscriber.subscription.request(0);

    await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.error != null);
    assertThat(subscriber.error).isInstanceOf(IllegalArgumentException.class);
    assertThat(subscriber.items).isEmpty();
  }

  @Test
  void badArgumentsFailWhenAdded() {
    ToolCall call = client.call("echo");

    assertThatThrownBy(() -> call.arg("x", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Records signals; requests nothing by itself after onSubscribe. */
  private static final class RecordingSubscriber implements Flow.Subscriber<Object> {
    final List<Object> items = new CopyOnWriteArrayList<>();
    private final long initialDemand;
    volatile Flow.Subscription subscription;
    volatile Throwable error;
    volatile boolean completed;

    RecordingSubscriber() {
      this(0);
    }

    RecordingSubscriber(long initialDemand) {
      this.initialDemand = initialDemand;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (initialDemand > 0) {
        subscription.request(initialDemand);
      }
    }

    @Override
    public void onNext(Object item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }
  }
}
