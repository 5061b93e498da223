package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.snakepit.client.ConflictException;
import io.snakepit.client.DeadlineExceededException;
import io.snakepit.client.ExecuteResult;
import io.snakepit.client.InvalidArgumentException;
import io.snakepit.client.NotFoundException;
import io.snakepit.client.ProgramInfo;
import io.snakepit.client.SessionInfo;
import io.snakepit.client.SessionPage;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.ToolException;
import io.snakepit.client.ToolStream;
import io.snakepit.client.VariableValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java SDK against a real node with real Python workers running the example adapter. */
class ClientEndToEndTest {

  @TempDir static Path dir;
  static TestNode node;
  static SnakepitClient client;

  @BeforeAll
  static void startNode() {
    node = TestNode.start(dir, Map.of());
    client = SnakepitClient.connect("127.0.0.1:" + node.node().grpcPort());
  }

  @AfterAll
  static void stopNode() {
    client.close();
    node.close();
  }

  @Test
  void addOfIntegersStaysAnExactLong() {
    assertThat(client.execute("add", Map.of("a", 2, "b", 3)))
        .isInstanceOf(Long.class)
        .isEqualTo(5L);
    // Above 2^53, where a detour through double would round.
    assertThat(client.execute("add", Map.of("a", 9_007_199_254_740_993L, "b", 1)))
        .isEqualTo(9_007_199_254_740_994L);
    assertThat(client.execute("add", Map.of("a", 0.5, "b", 1))).isEqualTo(1.5d);
  }

  @Test
  void echoRoundTripsNestedValuesInTheirOrder() {
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("z", Long.MAX_VALUE);
    sent.put("a", Long.MIN_VALUE);
    sent.put("raw", new byte[] {0, -1, 10});
    sent.put("list", List.of("x", 1L, 0.25d, true, List.of()));
    sent.put("none", null);
    sent.put("inner", Map.of("k", List.of(Map.of("deep", "yes"))));

    Object echoed = client.call("echo").arg("value", sent).execute();

    assertThat(echoed).usingRecursiveComparison().isEqualTo(sent);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) echoed;
    assertThat(map).containsOnlyKeys(sent.keySet());
    assertThat(new ArrayList<>(map.keySet())).containsExactlyElementsOf(sent.keySet());
    assertThat(map.get("z")).isInstanceOf(Long.class).isEqualTo(Long.MAX_VALUE);
    assertThat((byte[]) map.get("raw")).containsExactly(0, -1, 10);
  }

  @Test
  void executeDetailedSaysWhichNodeAndWorkerRanTheCall() {
    ExecuteResult result = client.call("ping").executeDetailed();

    assertThat(result.result()).isEqualTo("pong");
    assertThat(result.nodeId()).isEqualTo("test");
    assertThat(result.workerId()).startsWith("default-");
  }

  @Test
  void executeAsyncCompletesWithTheResultOrTheTypedError() throws Exception {
    CompletableFuture<Object> sum = client.call("add").arg("a", 40).arg("b", 2).executeAsync();
    CompletableFuture<Object> missing = client.call("no_such_tool").executeAsync();

    assertThat(sum.get(30, TimeUnit.SECONDS)).isEqualTo(42L);
    assertThatThrownBy(() -> missing.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void streamIteratesEveryItemInOrder() {
    List<Object> items = new ArrayList<>();
    try (ToolStream stream = client.call("count").arg("n", 5).stream()) {
      stream.forEachRemaining(items::add);
    }

    assertThat(items).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void closingAStreamEarlyStopsItAndFreesTheWorker() {
    ToolStream stream = client.call("count").arg("n", 100_000_000).stream();
    assertThat(stream.next()).isEqualTo(0L);
    assertThat(stream.next()).isEqualTo(1L);

    stream.close();

    assertThat(stream.hasNext()).isFalse();
    // The generator would keep its worker forever if the node did not stop it: both workers must
    // serve at the same time again.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(workersOfConcurrentSleeps(2)).doesNotHaveDuplicates());
  }

  @Test
  void publisherSendsOnlyWhatWasRequested() {
    RecordingSubscriber subscriber = new RecordingSubscriber();
    client.call("count").arg("n", 5).publisher().subscribe(subscriber);

    subscriber.request(1);
    await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.items.size() == 1);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> subscriber.items.size() == 1 && !subscriber.completed);
    subscriber.request(10);

    await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.completed);
    assertThat(subscriber.items).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(subscriber.error).isNull();
  }

  @Test
  void pythonErrorComesBackAsToolExceptionWithTypeMessageAndTraceback() {
    assertThatThrownBy(
            () -> client.execute("fail", Map.of("type", "ValueError", "message", "bad input")))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.pythonType()).isEqualTo("builtins.ValueError");
              assertThat(e.pythonMessage()).isEqualTo("bad input");
              assertThat(e.pythonTraceback())
                  .contains("Traceback")
                  .contains("ValueError: bad input");
              assertThat(e.isPrecondition()).isFalse();
            });
  }

  @Test
  void preconditionErrorIsAPreconditionToolException() {
    assertThatThrownBy(
            () -> client.execute("fail", Map.of("type", "PreconditionError", "message", "not yet")))
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.isPrecondition()).isTrue();
              assertThat(e.pythonMessage()).isEqualTo("not yet");
            });
  }

  @Test
  void unknownToolIsNotFound() {
    assertThatThrownBy(() -> client.execute("no_such_tool", Map.of()))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("no_such_tool");
  }

  @Test
  void argumentsThatDoNotFitTheSignatureAreInvalid() {
    assertThatThrownBy(() -> client.execute("add", Map.of("a", "two", "b", 1)))
        .isInstanceOf(InvalidArgumentException.class);
    assertThatThrownBy(() -> client.execute("add", Map.of("a", 1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("b");
  }

  @Test
  void callOverItsDeadlineIsDeadlineExceeded() {
    assertThatThrownBy(
            () -> client.call("sleep").arg("ms", 5000).timeout(Duration.ofMillis(300)).execute())
        .isInstanceOf(DeadlineExceededException.class);
  }

  @Test
  void createSessionIsIdempotentAndDeleteRemovesIt() {
    SessionInfo created =
        client.createSession("idem", Map.of("owner", "first"), Duration.ofMinutes(10));
    SessionInfo again =
        client.createSession("idem", Map.of("owner", "second"), Duration.ofMinutes(20));

    assertThat(again.createdAt()).isEqualTo(created.createdAt());
    assertThat(again.metadata()).containsExactlyEntriesOf(Map.of("owner", "first"));
    SessionInfo read = client.getSession("idem");
    assertThat(read.id()).isEqualTo("idem");
    assertThat(read.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(read.createdAt()).isEqualTo(created.createdAt());

    assertThat(client.deleteSession("idem")).isTrue();
    assertThatThrownBy(() -> client.getSession("idem")).isInstanceOf(NotFoundException.class);
    assertThat(client.deleteSession("idem")).isFalse();
  }

  @Test
  void listSessionsPagesInIdOrder() {
    List<String> created = List.of("page-0", "page-1", "page-2", "page-3", "page-4");
    created.forEach(client::createSession);

    List<String> listed = new ArrayList<>();
    int pages = 0;
    String cursor = null;
    do {
      SessionPage page = client.listSessions(cursor, 2);
      assertThat(page.sessions()).hasSizeLessThanOrEqualTo(2);
      page.sessions().forEach(session -> listed.add(session.id()));
      cursor = page.nextCursor().orElse(null);
      pages++;
    } while (cursor != null);

    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(listed).isSorted().doesNotHaveDuplicates().containsAll(created);
    assertThat(client.allSessions().map(SessionInfo::id).toList()).isEqualTo(listed);
  }

  @Test
  void variablesAreVersionedWithCompareAndSet() {
    client.createSession("vars");

    assertThat(client.putVariable("vars", "v", "one")).isEqualTo(1);
    assertThatThrownBy(() -> client.putVariable("vars", "v", "stale", 0))
        .isInstanceOf(ConflictException.class);
    assertThat(client.putVariable("vars", "v", List.of("two", 2L), 1)).isEqualTo(2);
    assertThatThrownBy(() -> client.putVariable("vars", "v", "stale", 1))
        .isInstanceOf(ConflictException.class);

    VariableValue read = client.getVariable("vars", "v");
    assertThat(read.value()).isEqualTo(List.of("two", 2L));
    assertThat(read.version()).isEqualTo(2);

    assertThatThrownBy(() -> client.deleteVariable("vars", "v", 1))
        .isInstanceOf(ConflictException.class);
    assertThat(client.deleteVariable("vars", "v", 2)).isTrue();
    assertThatThrownBy(() -> client.getVariable("vars", "v")).isInstanceOf(NotFoundException.class);
    assertThat(client.deleteVariable("vars", "v")).isFalse();
  }

  @Test
  void programsKeepTheirBytesAndMetadata() {
    client.createSession("programs");
    byte[] code = {0, 1, 2, (byte) 0xff, '\n'};

    ProgramInfo put = client.putProgram("programs", "prog", code, Map.of("lang", "dspy"));
    ProgramInfo read = client.getProgram("programs", "prog");

    assertThat(read.sessionId()).isEqualTo("programs");
    assertThat(read.programId()).isEqualTo("prog");
    assertThat(read.data()).containsExactly(code);
    assertThat(read.metadata()).containsExactlyEntriesOf(Map.of("lang", "dspy"));
    assertThat(read.version()).isEqualTo(put.version()).isPositive();
    assertThatThrownBy(() -> client.getProgram("programs", "absent"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void toolAndSdkShareASessionsVariables() {
    client.createSession("counting");
    client.putVariable("counting", "hits", 10);

    Object first = client.execute("counting", "counter", Map.of("name", "hits", "by", 5));
    Object second = client.execute("counting", "counter", Map.of("name", "hits", "by", 5));

    assertThat(first).isEqualTo(15L);
    assertThat(second).isEqualTo(20L);
    VariableValue hits = client.getVariable("counting", "hits");
    assertThat(hits.value()).isEqualTo(20L);
    assertThat(hits.version()).isEqualTo(3);
  }

  /** The workers that ran {@code count} short sleeps started at the same time. */
  private static List<String> workersOfConcurrentSleeps(int count) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(count);
    try {
      List<Callable<ExecuteResult>> sleeps = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sleeps.add(
            () ->
                client
                    .call("sleep")
                    .arg("ms", 300)
                    .timeout(Duration.ofSeconds(5))
                    .executeDetailed());
      }
      List<String> workers = new ArrayList<>();
      for (Future<ExecuteResult> call : callers.invokeAll(sleeps)) {
        workers.add(call.get().workerId());
      }
      return workers;
    } finally {
      callers.shutdownNow();
    }
  }

  /** Records what a publisher signals and requests only when told to. */
  private static final class RecordingSubscriber implements Flow.Subscriber<Object> {

    final List<Object> items = new CopyOnWriteArrayList<>();
    volatile boolean completed;
    volatile Throwable error;
    private volatile Flow.Subscription subscription;

    void request(long n) {
      subscription.request(n);
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
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
