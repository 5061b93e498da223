package io.snakepit.chaos.model;

import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.history.Operation;
import java.util.Objects;
import java.util.Optional;

/**
 * A register with read, write, compare-and-set and delete, read with the chosen {@link Semantics}.
 */
public final class CasRegister implements Model<RegisterState> {
  private static final RegisterState ABSENT = new RegisterState(null);

  private final RegisterState initial;
  private final Semantics semantics;

  /**
   * @param initial the value before any write; null for an absent register
   */
  public CasRegister(Object initial, Semantics semantics) {
    this.initial = new RegisterState(initial);
    this.semantics = semantics;
  }

  @Override
  public RegisterState initialState() {
    return initial;
  }

  @Override
  public Optional<Transition<RegisterState>> transition(Operation op) {
    if (op.outcome() == OpType.FAIL) {
      return failed(op);
    }
    Object value = op.value();
    if (RegisterOps.READ.equals(op.f())) {
      return read(op, value);
    }
    if (RegisterOps.WRITE.equals(op.f())) {
      return Optional.of(new Write(new RegisterState(value)));
    }
    if (RegisterOps.DELETE.equals(op.f())) {
      return Optional.of(new Write(ABSENT));
    }
    if (RegisterOps.CAS.equals(op.f())) {
      return Optional.of(
          new Swap(RegisterOps.expected(value), new RegisterState(RegisterOps.replacement(value))));
    }
    throw new IllegalArgumentException("a cas-register has no operation " + op.f());
  }

  private Optional<Transition<RegisterState>> read(Operation op, Object value) {
    // A read that timed out observed nothing; leaving it out keeps the search small.
    if (op.outcome() == OpType.INFO) {
      return Optional.empty();
    }
    if (value == null && semantics == Semantics.LENIENT) {
      return Optional.empty();
    }
    return Optional.of(new Holds(value));
  }

  private Optional<Transition<RegisterState>> failed(Operation op) {
    if (semantics == Semantics.STRICT && RegisterOps.CAS.equals(op.f())) {
      return Optional.of(new DoesNotHold(RegisterOps.expected(op.value())));
    }
    return Optional.empty();
  }

  private record Write(RegisterState written) implements Transition<RegisterState> {
    @Override
    public RegisterState apply(RegisterState state) {
      return written;
    }
  }

  private record Swap(Object expected, RegisterState swapped) implements Transition<RegisterState> {
    @Override
    public RegisterState apply(RegisterState state) {
      return Objects.equals(state.value(), expected) ? swapped : null;
    }
  }

  /** A read's observation. */
  private record Holds(Object value) implements Transition<RegisterState> {
    @Override
    public RegisterState apply(RegisterState state) {
      return Objects.equals(state.value(), value) ? state : null;
    }
  }

  /** What a failed compare-and-set observes under strict semantics. */
  private record DoesNotHold(Object expected) implements Transition<RegisterState> {
    @Override
    public RegisterState apply(RegisterState state) {
      return Objects.equals(state.value(), expected) ? null : state;
    }
  }
}
