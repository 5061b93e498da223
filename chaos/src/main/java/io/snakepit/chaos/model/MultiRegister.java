package io.snakepit.chaos.model;

import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.history.Operation;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Several registers changed together by transactions ({@code :f :txn}) whose value is a list of
 * {@code [:read key v]} and {@code [:write key v]} steps, with Knossos's lenient reading: a failed
 * transaction is dropped and a read of nil constrains nothing. Every register starts at the same
 * initial value.
 */
public final class MultiRegister implements Model<Map<Object, Object>> {
  public static final Keyword TXN = Keyword.of("txn");

  private final Object initial;

  public MultiRegister(Object initial) {
    this.initial = initial;
  }

  @Override
  public Map<Object, Object> initialState() {
    return Map.of();
  }

  @Override
  public Optional<Transition<Map<Object, Object>>> transition(Operation op) {
    if (!TXN.equals(op.f())) {
      throw new IllegalArgumentException("a multi-register has no operation " + op.f());
    }
    if (op.outcome() == OpType.FAIL) {
      return Optional.empty();
    }
    List<?> steps = (List<?>) op.value();
    return Optional.of(state -> apply(state, steps));
  }

  private Map<Object, Object> apply(Map<Object, Object> state, List<?> steps) {
    Map<Object, Object> next = state;
    for (Object step : steps) {
      List<?> parts = (List<?>) step;
      Object key = parts.get(1);
      Object value = parts.get(2);
      if (RegisterOps.WRITE.equals(parts.get(0))) {
        next = with(next, key, value);
      } else if (value != null && !Objects.equals(value, next.getOrDefault(key, initial))) {
        return null;
      }
    }
    return next;
  }

  /** Drops registers back at their initial value, so that equal states memoise as one. */
  private Map<Object, Object> with(Map<Object, Object> state, Object key, Object value) {
    Map<Object, Object> copy = new HashMap<>(state);
    if (Objects.equals(value, initial)) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return Collections.unmodifiableMap(copy);
  }
}
