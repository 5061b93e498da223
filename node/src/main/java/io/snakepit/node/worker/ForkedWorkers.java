package io.snakepit.node.worker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workers a fork server was asked for, found by the pid and worker id that its lines carry. A
 * slot's replacement reuses the slot's worker id while the worker it replaces may still be
 * draining: a pid, once known, is what tells them apart.
 */
final class ForkedWorkers {

  private final Map<String, ForkedWorkerProcess> unforked = new HashMap<>();
  private final Map<Long, ForkedWorkerProcess> forked = new HashMap<>();
  private boolean closed;

  /** Adds a worker about to be asked for; false once the fork server has ended. */
  synchronized boolean expect(ForkedWorkerProcess worker) {
    if (!closed) {
      unforked.put(worker.id(), worker);
    }
    return !closed;
  }

  /**
   * The worker a line is about. The first line that names a new pid (FORKED, as a rule) binds it to
   * the worker asked for under that id. Lines come from one thread, the fork server's stdout.
   */
  Optional<ForkedWorkerProcess> find(long pid, String workerId) {
    ForkedWorkerProcess worker;
    boolean firstSeen = false;
    synchronized (this) {
      worker = forked.get(pid);
      if (worker == null) {
        worker = unforked.remove(workerId);
        firstSeen = worker != null;
        if (firstSeen) {
          forked.put(pid, worker);
        }
      }
    }
    if (firstSeen) {
      worker.forked(pid);
    }
    return Optional.ofNullable(worker);
  }

  /** The worker that ended, forgotten from now on. */
  Optional<ForkedWorkerProcess> ended(long pid, String workerId) {
    Optional<ForkedWorkerProcess> worker = find(pid, workerId);
    synchronized (this) {
      forked.remove(pid);
    }
    return worker;
  }

  /** The worker the fork server could not fork. */
  synchronized Optional<ForkedWorkerProcess> rejected(String workerId) {
    return Optional.ofNullable(unforked.remove(workerId));
  }

  /** The fork server has ended: returns every worker it still had, and takes no more. */
  synchronized List<ForkedWorkerProcess> close() {
    closed = true;
    List<ForkedWorkerProcess> left = new ArrayList<>(unforked.values());
    left.addAll(forked.values());
    unforked.clear();
    forked.clear();
    return left;
  }
}
