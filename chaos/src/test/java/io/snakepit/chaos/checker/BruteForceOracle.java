package io.snakepit.chaos.checker;

import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.model.Model;
import io.snakepit.chaos.model.Transition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Linearizability by trying every order that respects real time, for histories small enough to
 * enumerate: the reference the search is compared with. Operations that may not have taken effect
 * are simply allowed to be left out.
 */
final class BruteForceOracle {
  private BruteForceOracle() {}

  static <S> boolean linearizable(Model<S> model, List<Operation> operations) {
    List<Operation> candidates = new ArrayList<>();
    List<Transition<S>> transitions = new ArrayList<>();
    for (Operation op : operations) {
      Optional<Transition<S>> transition = model.transition(op);
      if (transition.isPresent()) {
        candidates.add(op);
        transitions.add(transition.get());
      }
    }
    return extend(model.initialState(), candidates, transitions, new boolean[candidates.size()]);
  }

  private static <S> boolean extend(
      S state, List<Operation> ops, List<Transition<S>> transitions, boolean[] placed) {
    if (allRequiredPlaced(ops, placed)) {
      return true;
    }
    for (int i = 0; i < ops.size(); i++) {
      if (placed[i] || !mayGoNext(i, ops, placed)) {
        continue;
      }
      S next = transitions.get(i).apply(state);
      if (next != null) {
        placed[i] = true;
        boolean found = extend(next, ops, transitions, placed);
        placed[i] = false;
        if (found) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean allRequiredPlaced(List<Operation> ops, boolean[] placed) {
    for (int i = 0; i < ops.size(); i++) {
      if (!placed[i] && ops.get(i).mustTakeEffect()) {
        return false;
      }
    }
    return true;
  }

  /** No unplaced operation completed before this one was called. */
  private static boolean mayGoNext(int candidate, List<Operation> ops, boolean[] placed) {
    for (int i = 0; i < ops.size(); i++) {
      if (!placed[i] && ops.get(i).ret() < ops.get(candidate).call()) {
        return false;
      }
    }
    return true;
  }
}
