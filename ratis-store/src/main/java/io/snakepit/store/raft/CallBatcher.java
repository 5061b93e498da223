package io.snakepit.store.raft;

import com.google.protobuf.MessageLite;
import io.snakepit.store.StoreException;
import io.snakepit.store.StoreFutures;
import io.snakepit.store.common.DaemonThreads;
import io.snakepit.store.common.Replies;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CommandBatch;
import io.snakepit.store.v1.Query;
import io.snakepit.store.v1.QueryBatch;
import io.snakepit.store.v1.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the calls that callers make while earlier ones are on their way go to the group
 * together. A Raft write costs a round of replication and an fsync whatever it holds, a
 * linearizable read a round in which the leader confirms its leadership, and on small machines the
 * thread hand-offs of each request cost more than its bytes, so throughput comes from packing
 * calls, not from more requests in flight.
 *
 * <p>A few sender threads each take what is queued and send it, and wait; what arrives meanwhile
 * forms the next batch. A lone call goes as itself, so an idle store adds no delay.
 *
 * @param <M> the message a call sends: a command, as one log entry, or a query, as one read
 */
final class CallBatcher<M extends MessageLite> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CallBatcher.class);

  /** How one call and a batch of them reach the group, as {@link ReplicatedCalls} offers. */
  interface Transport<M> {
    Reply sendOne(M message);

    /**
     * The replies to the first messages, in order: to all of them, or to as many as the group's
     * answer had room for (at least one), the others to send again.
     */
    List<Reply> sendAll(List<M> messages);
  }

  /**
   * Calls in flight at once. Few: while they are on their way the next batch fills, and more in
   * flight would only make the batches smaller and queue inside Ratis.
   */
  private static final int SENDERS = 2;

  private static final int MAX_CALLS = 512;

  /**
   * Calls are added while the batch is below this; one more record at the limit ({@code
   * StoreLimits}) still keeps a log entry under the appender's byte limit.
   */
  private static final int MAX_BYTES = 1024 * 1024;

  private static final Duration POLL = Duration.ofMillis(100);

  private record Pending<M>(M message, CompletableFuture<Reply> reply) {}

  private final Transport<M> transport;
  private final BlockingQueue<Pending<M>> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final ExecutorService senders;

  CallBatcher(String threadName, int senderCount, Transport<M> transport) {
    this.transport = transport;
    this.senders = Executors.newFixedThreadPool(senderCount, DaemonThreads.named(threadName));
    for (int i = 0; i < senderCount; i++) {
      senders.execute(this::sendUntilClosed);
    }
  }

  /** Commands, proposed together as one log entry holding a {@link CommandBatch}. */
  static CallBatcher<Command> commands(ReplicatedCalls calls) {
    return new CallBatcher<>(
        "snakepit-store-propose",
        SENDERS,
        new Transport<>() {
          @Override
          public Reply sendOne(Command command) {
            return calls.send(command);
          }

          @Override
          public List<Reply> sendAll(List<Command> commands) {
            Command batch =
                Command.newBuilder()
                    .setBatch(CommandBatch.newBuilder().addAllCommands(commands))
                    .build();
            List<Reply> replies = calls.send(batch).getBatch().getRepliesList();
            // Never sent again: a command without a request id would be applied twice.
            if (replies.size() != commands.size()) {
              throw new StoreException.Internal(
                  "a batch of " + commands.size() + " commands got " + replies.size() + " replies",
                  null);
            }
            return replies;
          }
        });
  }

  /** Linearizable point reads, answered together after one confirmation as a {@link QueryBatch}. */
  static CallBatcher<Query> reads(ReplicatedCalls calls) {
    return new CallBatcher<>(
        "snakepit-store-read",
        SENDERS,
        new Transport<>() {
          @Override
          public Reply sendOne(Query query) {
            return calls.query(query);
          }

          @Override
          public List<Reply> sendAll(List<Query> queries) {
            Query batch =
                Query.newBuilder().setBatch(QueryBatch.newBuilder().addAllQueries(queries)).build();
            return calls.query(batch).getBatch().getRepliesList();
          }
        });
  }

  /** Sends the message with whatever else is waiting; its own reply, failures thrown. */
  Reply call(M message) {
    return StoreFutures.join(submit(message));
  }

  /**
   * Queues the message for the next batch; the future completes with its own reply, or fails with
   * the {@link StoreException} that the reply or the batch's sending stands for.
   */
  CompletableFuture<Reply> submit(M message) {
    if (!open.get()) {
      return CompletableFuture.failedFuture(closed());
    }
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    queue.add(new Pending<>(message, reply));
    if (!open.get()) {
      // Closed while this was added: the close may have emptied the queue before it.
      failQueued();
    }
    return reply.thenApply(Replies::orThrow);
  }

  /** Calls waiting for a sender. */
  int queued() {
    return queue.size();
  }

  private void sendUntilClosed() {
    while (open.get()) {
      try {
        Pending<M> first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
          send(takeBatch(first));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<Pending<M>> takeBatch(Pending<M> first) {
    List<Pending<M>> batch = new ArrayList<>();
    batch.add(first);
    int bytes = first.message().getSerializedSize();
    Pending<M> next;
    while (batch.size() < MAX_CALLS && bytes < MAX_BYTES && (next = queue.poll()) != null) {
      batch.add(next);
      bytes += next.message().getSerializedSize();
    }
    return batch;
  }

  private void send(List<Pending<M>> batch) {
    try {
      if (batch.size() == 1) {
        batch.get(0).reply().complete(transport.sendOne(batch.get(0).message()));
        return;
      }
      for (List<Pending<M>> unanswered = batch; !unanswered.isEmpty(); ) {
        List<Reply> replies = transport.sendAll(unanswered.stream().map(Pending::message).toList());
        if (replies.isEmpty() || replies.size() > unanswered.size()) {
          throw new StoreException.Internal(
              "a batch of " + unanswered.size() + " calls got " + replies.size() + " replies",
              null);
        }
        for (int i = 0; i < replies.size(); i++) {
          unanswered.get(i).reply().complete(replies.get(i));
        }
        unanswered = unanswered.subList(replies.size(), unanswered.size());
      }
    } catch (RuntimeException e) {
      batch.forEach(pending -> pending.reply().completeExceptionally(e));
    }
  }

  /** Stops the senders; calls still queued fail as unavailable. */
  @Override
  public void close() {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    senders.shutdown();
    try {
      if (!senders.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("Proposals still running after a minute; closing anyway");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued();
  }

  private void failQueued() {
    for (Pending<M> pending; (pending = queue.poll()) != null; ) {
      pending.reply().completeExceptionally(closed());
    }
  }

  private static StoreException closed() {
    return new StoreException.Unavailable("the session store is closed", null);
  }
}
