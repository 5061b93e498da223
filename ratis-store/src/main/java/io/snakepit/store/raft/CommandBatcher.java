package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import io.snakepit.store.common.Replies;
import io.snakepit.store.v1.Command;
import io.snakepit.store.v1.CommandBatch;
import io.snakepit.store.v1.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: the commands that callers propose while earlier ones are on their way go to the
 * group together, as one log entry. A Raft write costs a round of replication and an fsync whatever
 * it holds, and on small machines the thread hand-offs of each request cost more than its bytes, so
 * throughput comes from packing commands, not from more requests in flight.
 *
 * <p>A few sender threads each take what is queued and propose it, and wait; what arrives meanwhile
 * forms the next batch. A lone command goes as itself, so an idle store adds no delay.
 */
final class CommandBatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandBatcher.class);

  /**
   * Entries in flight at once. Few: while they are on their way the next batch fills, and more in
   * flight would only make the batches smaller and queue inside Ratis.
   */
  private static final int SENDERS = 2;

  private static final int MAX_COMMANDS = 512;

  /**
   * Commands are added while the batch is below this; one more record at the limit ({@code
   * StoreLimits}) still keeps the entry under the appender's byte limit.
   */
  private static final int MAX_BYTES = 1024 * 1024;

  private static final Duration POLL = Duration.ofMillis(100);

  private record Pending(Command command, CompletableFuture<Reply> reply) {}

  private final ReplicatedCalls calls;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicBoolean open = new AtomicBoolean(true);
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          SENDERS,
          task -> {
            Thread thread = new Thread(task, "snakepit-store-propose");
            thread.setDaemon(true);
            return thread;
          });

  CommandBatcher(ReplicatedCalls calls) {
    this.calls = calls;
    for (int i = 0; i < SENDERS; i++) {
      senders.execute(this::sendUntilClosed);
    }
  }

  /** Proposes the command with whatever else is waiting; its own reply, failures thrown. */
  Reply propose(Command command) {
    if (!open.get()) {
      throw closed();
    }
    CompletableFuture<Reply> reply = new CompletableFuture<>();
    queue.add(new Pending(command, reply));
    try {
      return Replies.orThrow(reply.join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof StoreException failure) {
        throw failure;
      }
      throw new StoreException.Internal("proposing a command failed", e.getCause());
    }
  }

  private void sendUntilClosed() {
    while (open.get()) {
      try {
        Pending first = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
          send(takeBatch(first));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<Pending> takeBatch(Pending first) {
    List<Pending> batch = new ArrayList<>();
    batch.add(first);
    int bytes = first.command().getSerializedSize();
    Pending next;
    while (batch.size() < MAX_COMMANDS && bytes < MAX_BYTES && (next = queue.poll()) != null) {
      batch.add(next);
      bytes += next.command().getSerializedSize();
    }
    return batch;
  }

  private void send(List<Pending> batch) {
    try {
      if (batch.size() == 1) {
        batch.get(0).reply().complete(calls.send(batch.get(0).command()));
        return;
      }
      CommandBatch.Builder commands = CommandBatch.newBuilder();
      batch.forEach(pending -> commands.addCommands(pending.command()));
      List<Reply> replies =
          calls.send(Command.newBuilder().setBatch(commands).build()).getBatch().getRepliesList();
      if (replies.size() != batch.size()) {
        throw new StoreException.Internal(
            "a batch of " + batch.size() + " commands got " + replies.size() + " replies", null);
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).reply().complete(replies.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(pending -> pending.reply().completeExceptionally(e));
    }
  }

  /** Stops the senders; commands still queued fail as unavailable. */
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
    for (Pending pending; (pending = queue.poll()) != null; ) {
      pending.reply().completeExceptionally(closed());
    }
  }

  private static StoreException closed() {
    return new StoreException.Unavailable("the session store is closed", null);
  }
}
