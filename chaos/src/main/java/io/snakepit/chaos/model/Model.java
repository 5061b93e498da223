package io.snakepit.chaos.model;

import io.snakepit.chaos.history.Operation;
import java.util.Optional;

/**
 * A sequential specification: what each operation does to a state, and what its outcome tells the
 * checker. States must be immutable and have value equality: the checker memoises them.
 */
public interface Model<S> {
  S initialState();

  /**
   * How {@code op} enters the search, or empty when it constrains nothing and can be left out (e.g.
   * a lenient failed operation, or a read whose result is unknown).
   */
  Optional<Transition<S>> transition(Operation op);
}
