package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What callers of a one-sender batcher see, over a transport that answers each query by its key and
 * holds its first send until the test lets it go, so that the calls made meanwhile queue up.
 */
class CallBatcherTest {

  private static final int CALLERS = 20;

  /** Answers a query for session "missing-…" with a not-found failure, any other with its id. */
  private static final class EchoTransport implements CallBatcher.Transport<Query> {

    final List<Integer> sentSizes = new CopyOnWriteArrayList<>();
    final CountDownLatch firstSendStarted = new CountDownLatch(1);
    final CountDownLatch releaseFirstSend = new CountDownLatch(1);

    /** How many of a batch's queries it answers, as a group with little room in its reply would. */
    volatile int answersPerBatch = Integer.MAX_VALUE;

    @Override
    public Reply sendOne(Query query) {
      return sendAll(List.of(query)).get(0);
    }

    @Override
    public List<Reply> sendAll(List<Query> queries) {
      if (sentSizes.isEmpty()) {
        firstSendStarted.countDown();
        awaitRelease(releaseFirstSend);
      }
      sentSizes.add(queries.size());
      return queries.stream().limit(answersPerBatch).map(EchoTransport::answer).toList();
    }

    private static Reply answer(Query query) {
      String sessionId = query.getSessionExists();
      return sessionId.startsWith("missing-")
          ? Replies.failure(new StoreException.NotFound("no session " + sessionId))
          : Reply.newBuilder().setCount(Integer.parseInt(sessionId.substring(1))).build();
    }
  }

  @Test
  void callsMadeWhileOneIsOnItsWayGoTogetherAndEachGetsItsOwnAnswer() throws Exception {
    EchoTransport transport = new EchoTransport();
    callConcurrently(transport);

    // The first call went alone, and the rest, queued meanwhile, went together.
    assertThat(transport.sentSizes).containsExactly(1, CALLERS);
  }

  @Test
  void whatABatchLeftUnansweredIsSentAgainUntilEveryCallHasItsAnswer() throws Exception {
    EchoTransport transport = new EchoTransport();
    transport.answersPerBatch = CALLERS / 2 - 1;
    callConcurrently(transport);

    assertThat(transport.sentSizes)
        .containsExactly(1, CALLERS, CALLERS - transport.answersPerBatch, 2);
  }

  /** A first call, then {@link #CALLERS} made while it is on its way; checks every answer. */
  private static void callConcurrently(EchoTransport transport) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(CALLERS + 1);
    try (CallBatcher<Query> batcher = new CallBatcher<>("test-batcher", 1, transport)) {
      Future<Reply> first = callers.submit(() -> batcher.call(exists("s0")));
      transport.firstSendStarted.await(1, TimeUnit.MINUTES);

      List<Future<Reply>> found = new ArrayList<>();
      List<Future<Reply>> missing = new ArrayList<>();
      for (int i = 1; i <= CALLERS / 2; i++) {
        String id = "s" + i;
        found.add(callers.submit(() -> batcher.call(exists(id))));
        String missingId = "missing-" + i;
        missing.add(callers.submit(() -> batcher.call(exists(missingId))));
      }
      await().atMost(Duration.ofMinutes(1)).until(() -> batcher.queued() == CALLERS);
      transport.releaseFirstSend.countDown();

      assertThat(first.get(1, TimeUnit.MINUTES).getCount()).isZero();
      for (int i = 0; i < found.size(); i++) {
        assertThat(found.get(i).get(1, TimeUnit.MINUTES).getCount()).isEqualTo(i + 1);
      }
      for (Future<Reply> call : missing) {
        assertThatThrownBy(() -> call.get(1, TimeUnit.MINUTES))
            .hasCauseInstanceOf(StoreException.NotFound.class);
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aTransportFailureFailsEveryCallOfItsBatch() {
    CallBatcher.Transport<Query> failing =
        new CallBatcher.Transport<>() {
          @Override
          public Reply sendOne(Query query) {
            throw new StoreException.Unavailable("no leader", null);
          }

          @Override
          public List<Reply> sendAll(List<Query> queries) {
            throw new StoreException.Unavailable("no leader", null);
          }
        };
    try (CallBatcher<Query> batcher = new CallBatcher<>("test-batcher", 1, failing)) {
      assertThatThrownBy(() -> batcher.call(exists("s1")))
          .isInstanceOf(StoreException.Unavailable.class)
          .hasMessageContaining("no leader");
    }
  }

  @Test
  void aClosedBatcherRefusesCalls() {
    CallBatcher<Query> batcher = new CallBatcher<>("test-batcher", 1, new EchoTransport());
    batcher.close();

    assertThatThrownBy(() -> batcher.call(exists("s1")))
        .isInstanceOf(StoreException.Unavailable.class)
        .hasMessageContaining("closed");
  }

  private static Query exists(String sessionId) {
    return Query.newBuilder().setSessionExists(sessionId).build();
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      latch.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
