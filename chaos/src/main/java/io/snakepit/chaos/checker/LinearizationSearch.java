package io.snakepit.chaos.checker;

import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.model.Model;
import io.snakepit.chaos.model.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Wing and Gong's linearizability search as refined by Lowe ("just-in-time linearization"), with
 * Lowe's memoisation of configurations. Call and return events sit in one doubly linked list in
 * history order. Walking it from the start, the search tries to linearize each operation whose call
 * it meets; reaching the return of an operation not yet linearized means the choices so far cannot
 * work, so it undoes the latest one and tries the next candidate. An operation that may not take
 * effect (INFO) has no return event: it can be linearized at any later point, or never.
 *
 * <p>Unknown operations with equal transitions are interchangeable, except that the one called
 * first is available earlier: any linearization using a later one can use the earlier one instead.
 * So the search only linearizes such twins in call order, which keeps a pile of identical timed-out
 * writes from multiplying the configurations.
 */
final class LinearizationSearch<S> {
  private static final int CLOCK_CHECK_MASK = (1 << 12) - 1;
  private static final int REPORTED_STATES = 8;

  private final Model<S> model;
  private final Deadline deadline;
  private final Event<S> head = new Event<>(-1, null, null, -1);
  private final List<Event<S>> calls = new ArrayList<>();
  private final Set<Configuration> seen = new HashSet<>();
  private int unlinearizedRequired;
  private Event<S> furthestStuck;
  private final Set<Object> statesAtFurthest = new LinkedHashSet<>();

  /** The operations must be in call order, as {@code Pairing} returns them. */
  private LinearizationSearch(Model<S> model, List<Operation> operations, Deadline deadline) {
    this.model = model;
    this.deadline = deadline;
    List<Event<S>> events = new ArrayList<>();
    Map<Transition<S>, Event<S>> latestUnknown = new HashMap<>();
    for (Operation op : operations) {
      Optional<Transition<S>> transition = model.transition(op);
      if (transition.isPresent()) {
        Event<S> call = new Event<>(calls.size(), op, transition.get(), op.call());
        calls.add(call);
        events.add(call);
        if (op.mustTakeEffect()) {
          call.match = new Event<>(call.index, op, null, op.ret());
          events.add(call.match);
          unlinearizedRequired++;
        } else {
          call.earlierTwin = latestUnknown.put(call.transition, call);
        }
      }
    }
    events.sort(Comparator.comparingInt(event -> event.position));
    Event<S> last = head;
    for (Event<S> event : events) {
      last.next = event;
      event.prev = last;
      last = event;
    }
  }

  static <S> SearchResult search(Model<S> model, List<Operation> operations, Deadline deadline) {
    return new LinearizationSearch<>(model, operations, deadline).run();
  }

  private SearchResult run() {
    LinearizedSet linearized = new LinearizedSet(calls.size());
    Deque<Step<S>> undo = new ArrayDeque<>();
    S state = model.initialState();
    Event<S> event = head.next;
    long iterations = 0;
    while (unlinearizedRequired > 0) {
      if ((++iterations & CLOCK_CHECK_MASK) == 0 && deadline.expired()) {
        return new SearchResult(Verdict.UNKNOWN, Optional.empty(), seen.size());
      }
      if (event.isCall()) {
        S next = event.mayGoBeforeItsTwin() ? event.transition.apply(state) : null;
        if (next != null) {
          linearized.add(event.index);
          if (seen.add(linearized.with(next))) {
            undo.push(new Step<>(event, state));
            state = next;
            lift(event);
            event = head.next;
            continue;
          }
          linearized.remove(event.index);
        }
        event = event.next;
      } else {
        noteStuck(event, state);
        if (undo.isEmpty()) {
          return new SearchResult(Verdict.NOT_LINEARIZABLE, Optional.of(failure()), seen.size());
        }
        Step<S> step = undo.pop();
        state = step.before;
        linearized.remove(step.call.index);
        unlift(step.call);
        event = step.call.next;
      }
    }
    return new SearchResult(Verdict.LINEARIZABLE, Optional.empty(), seen.size());
  }

  private void lift(Event<S> call) {
    call.linearized = true;
    call.unlink();
    if (call.match != null) {
      call.match.unlink();
      unlinearizedRequired--;
    }
  }

  /** Undoes {@link #lift} in reverse order, which is what makes relinking in place safe. */
  private void unlift(Event<S> call) {
    if (call.match != null) {
      call.match.relink();
      unlinearizedRequired++;
    }
    call.relink();
    call.linearized = false;
  }

  /**
   * Remembers the latest return the search could not get past. The search is exhaustive, so no
   * ordering gets past the furthest one: the history is linearizable up to just before it.
   */
  private void noteStuck(Event<S> ret, S state) {
    if (furthestStuck == null || ret.position > furthestStuck.position) {
      furthestStuck = ret;
      statesAtFurthest.clear();
    }
    if (ret == furthestStuck && statesAtFurthest.size() < REPORTED_STATES) {
      statesAtFurthest.add(state);
    }
  }

  private Failure failure() {
    Operation culprit = furthestStuck.op;
    List<Operation> window = new ArrayList<>();
    for (Event<S> call : calls) {
      Operation op = call.op;
      if (op.call() < culprit.ret() && op.ret() > culprit.call()) {
        window.add(op);
      }
    }
    return new Failure(culprit.key(), culprit, window, List.copyOf(statesAtFurthest));
  }

  /** What a search found for one register: configurations counts the memoised ones. */
  record SearchResult(Verdict verdict, Optional<Failure> failure, long configurations) {}

  private record Step<S>(Event<S> call, S before) {}

  /** A call (with its transition) or a return (without) in the search's linked list. */
  private static final class Event<S> {
    final int index;
    final Operation op;
    final Transition<S> transition;
    final int position;
    Event<S> match;
    Event<S> earlierTwin;
    boolean linearized;
    Event<S> prev;
    Event<S> next;

    Event(int index, Operation op, Transition<S> transition, int position) {
      this.index = index;
      this.op = op;
      this.transition = transition;
      this.position = position;
    }

    boolean isCall() {
      return transition != null;
    }

    boolean mayGoBeforeItsTwin() {
      return earlierTwin == null || earlierTwin.linearized;
    }

    void unlink() {
      prev.next = next;
      if (next != null) {
        next.prev = prev;
      }
    }

    void relink() {
      prev.next = this;
      if (next != null) {
        next.prev = this;
      }
    }
  }
}
