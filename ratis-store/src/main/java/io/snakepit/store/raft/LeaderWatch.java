package io.snakepit.store.raft;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Tells the calls waiting on one replica when this node's replica recognises another as the leader:
 * a Raft client's attempt or a forwarded read sent to a leader that was then cut off, paused or
 * killed goes on to its successor as soon as this replica hears from it, instead of waiting out its
 * attempt timeout (3 s) first. The state machine announces each leader Ratis recognises.
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

  private final Set<Waiter> waiting = ConcurrentHashMap.newKeySet();

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
    for (Waiter waiter : waiting) {
      if (!waiter.target.equals(leader) && waiting.remove(waiter)) {
        waiter.onReplaced.accept(leader);
      }
    }
  }
}
