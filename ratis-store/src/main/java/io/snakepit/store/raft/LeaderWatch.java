package io.snakepit.store.raft;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Tells the calls waiting on one replica when this node's replica recognises another as the leader:
 * a Raft client's attempt or a forwarded read sent to a leader that was then cut off, paused or
 * killed goes on to its successor as soon as this replica hears from it, instead of waiting out its
 * attempt timeout (3 s) first. The state machine announces each leader Ratis recognises.
 *
 * <p>It also remembers the latest recognition, for a call that starts just after it: Ratis
 * announces a leader it hears from before it notes the time it heard from it, so for a moment the
 * replica's own record still says it heard from no leader for an election timeout.
 */
final class LeaderWatch {

  /** A call registered while it waits; closing it, once answered, forgets it. */
  interface Waiting extends AutoCloseable {
    @Override
    void close();
  }

  /** Identity matters: two calls waiting on the same replica are two waiters. */
  private static final class Waiter implements Waiting {
    private final Set<Waiter> waiting;
    private final RaftPeerId target;
    private final Consumer<RaftPeerId> onReplaced;

    private Waiter(Set<Waiter> waiting, RaftPeerId target, Consumer<RaftPeerId> onReplaced) {
      this.waiting = waiting;
      this.target = target;
      this.onReplaced = onReplaced;
    }

    @Override
    public void close() {
      waiting.remove(this);
    }
  }

  private record Recognition(RaftPeerId leader, long atNanos) {}

  private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();
  private final LongSupplier monotonicNanos;
  private volatile Recognition latest;

  /**
   * @param monotonicNanos {@link System#nanoTime}, which clock faults do not step
   */
  LeaderWatch(LongSupplier monotonicNanos) {
    this.monotonicNanos = monotonicNanos;
  }

  /**
   * Registers a call waiting on {@code target}; {@code onReplaced} gets the new leader if this
   * replica recognises one other than {@code target} before the call is closed. Register before
   * sending, so that no change in between goes unseen.
   */
  Waiting whileWaitingOn(RaftPeerId target, Consumer<RaftPeerId> onReplaced) {
    Waiter waiter = new Waiter(waiting, target, onReplaced);
    waiting.add(waiter);
    return waiter;
  }

  /** This replica recognised {@code leader} (itself included) as the group's leader. */
  void recognised(RaftPeerId leader) {
    latest = new Recognition(leader, monotonicNanos.getAsLong());
    for (Waiter waiter : waiting) {
      if (!waiter.target.equals(leader) && waiting.remove(waiter)) {
        waiter.onReplaced.accept(leader);
      }
    }
  }

  /** Whether this replica recognised {@code leader}, and no other since, within {@code window}. */
  boolean recognisedWithin(RaftPeerId leader, Duration window) {
    Recognition last = latest;
    return last != null
        && last.leader().equals(leader)
        && monotonicNanos.getAsLong() - last.atNanos() < window.toNanos();
  }
}
