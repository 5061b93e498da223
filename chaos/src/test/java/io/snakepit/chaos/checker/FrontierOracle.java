package io.snakepit.chaos.checker;

import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.model.Model;
import io.snakepit.chaos.model.Transition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A second, independent decision procedure to cross-check the search on histories too long to
 * enumerate: it walks the events in order and keeps every reachable configuration (which open
 * operations already took effect, and the state). At each return it closes the configurations under
 * "some open operation takes effect" and keeps those where the returning one did.
 */
final class FrontierOracle<S> {
  private record Config<S>(BitSet done, S state) {}

  private final List<Transition<S>> transitions = new ArrayList<>();
  private final BitSet open = new BitSet();

  static <S> boolean linearizable(Model<S> model, List<Operation> operations) {
    return new FrontierOracle<S>().run(model, operations);
  }

  private boolean run(Model<S> model, List<Operation> operations) {
    Map<Integer, Integer> callAt = new TreeMap<>();
    Map<Integer, Integer> returnAt = new TreeMap<>();
    for (Operation op : operations) {
      Optional<Transition<S>> transition = model.transition(op);
      if (transition.isPresent()) {
        callAt.put(op.call(), transitions.size());
        if (op.mustTakeEffect()) {
          returnAt.put(op.ret(), transitions.size());
        }
        transitions.add(transition.get());
      }
    }
    Set<Config<S>> frontier =
        new HashSet<>(Set.of(new Config<>(new BitSet(), model.initialState())));
    TreeMap<Integer, Integer> events = new TreeMap<>(callAt);
    returnAt.forEach((position, index) -> events.put(position, -1 - index));
    for (int event : events.values()) {
      if (event >= 0) {
        open.set(event);
      } else {
        frontier = returned(-1 - event, frontier);
        if (frontier.isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  private Set<Config<S>> returned(int index, Set<Config<S>> frontier) {
    Set<Config<S>> closure = new HashSet<>(frontier);
    Deque<Config<S>> todo = new ArrayDeque<>(frontier);
    while (!todo.isEmpty()) {
      Config<S> config = todo.pop();
      for (int i = open.nextSetBit(0); i >= 0; i = open.nextSetBit(i + 1)) {
        S next = config.done().get(i) ? null : transitions.get(i).apply(config.state());
        if (next != null) {
          BitSet done = (BitSet) config.done().clone();
          done.set(i);
          Config<S> successor = new Config<>(done, next);
          if (closure.add(successor)) {
            todo.push(successor);
          }
        }
      }
    }
    open.clear(index);
    Set<Config<S>> kept = new HashSet<>();
    for (Config<S> config : closure) {
      if (config.done().get(index)) {
        BitSet done = (BitSet) config.done().clone();
        done.clear(index);
        kept.add(new Config<>(done, config.state()));
      }
    }
    return kept;
  }
}
