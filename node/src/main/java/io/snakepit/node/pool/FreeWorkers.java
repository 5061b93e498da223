package io.snakepit.node.pool;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workers that can take another call, and which of them takes the next one: the session's last
 * worker when it can (its warm Python state), else the least busy, and among equally busy ones the
 * most recently freed (so that a lightly loaded pool keeps a few warm workers busy). A worker takes
 * as many calls at once as the pool's profile allows. Not thread-safe: the pool's lock guards it.
 */
final class FreeWorkers {

  private static final int AFFINITY_ENTRIES = 10_000;

  private final int callsPerWorker;
  // Ordered by when each slot last got a free place: the most recent last.
  private final ArrayDeque<WorkerPool.Slot> free = new ArrayDeque<>();
  private final Map<String, WorkerPool.Slot> affinity =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkerPool.Slot> eldest) {
          return size() > AFFINITY_ENTRIES;
        }
      };

  FreeWorkers(int callsPerWorker) {
    this.callsPerWorker = callsPerWorker;
  }

  /**
   * Takes a place for a call of the session (empty for none), or returns null when none is free.
   */
  WorkerPool.Slot take(String sessionId) {
    WorkerPool.Slot preferred = sessionId.isEmpty() ? null : affinity.get(sessionId);
    WorkerPool.Slot chosen =
        preferred != null && free.contains(preferred) ? preferred : leastBusy();
    if (chosen != null) {
      claim(chosen, sessionId);
    }
    return chosen;
  }

  /** Takes a place on this slot's worker, which has one, and remembers it as the session's. */
  void claim(WorkerPool.Slot slot, String sessionId) {
    slot.active++;
    if (!sessionId.isEmpty()) {
      affinity.put(sessionId, slot);
    }
    offer(slot);
  }

  /** Makes the slot free, as the most recently freed, while its worker has a place left. */
  void offer(WorkerPool.Slot slot) {
    free.remove(slot);
    if (hasRoom(slot)) {
      free.addLast(slot);
    }
  }

  boolean hasRoom(WorkerPool.Slot slot) {
    return slot.active < callsPerWorker;
  }

  /** The slot takes no call until offered again: its worker is gone, retiring or checked. */
  void withdraw(WorkerPool.Slot slot) {
    free.remove(slot);
  }

  /** Withdraws every free slot whose worker runs no call, and returns them. */
  List<WorkerPool.Slot> withdrawIdle() {
    List<WorkerPool.Slot> idle = new ArrayList<>();
    for (Iterator<WorkerPool.Slot> slots = free.iterator(); slots.hasNext(); ) {
      WorkerPool.Slot slot = slots.next();
      if (slot.active == 0) {
        idle.add(slot);
        slots.remove();
      }
    }
    return idle;
  }

  void clear() {
    free.clear();
  }

  private WorkerPool.Slot leastBusy() {
    WorkerPool.Slot best = null;
    for (Iterator<WorkerPool.Slot> slots = free.descendingIterator(); slots.hasNext(); ) {
      WorkerPool.Slot slot = slots.next();
      if (best == null || slot.active < best.active) {
        best = slot;
      }
      if (best.active == 0) {
        break; // none can be less busy
      }
    }
    return best;
  }
}
