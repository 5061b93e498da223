package io.snakepit.chaos.history;

import io.snakepit.chaos.edn.Keyword;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes histories in tests one event at a time, completing each process's open call. */
public final class HistoryBuilder {
  private final List<Op> events = new ArrayList<>();
  private final Map<Object, Op> open = new HashMap<>();

  public HistoryBuilder invoke(long process, Keyword f, Object value) {
    Op call = Op.invoke(process, f, value);
    open.put(process, call);
    events.add(call);
    return this;
  }

  public HistoryBuilder ok(long process, Object observed) {
    return complete(process, OpType.OK, observed);
  }

  public HistoryBuilder ok(long process) {
    return complete(process, OpType.OK, open.get(process).value());
  }

  public HistoryBuilder fail(long process) {
    return complete(process, OpType.FAIL, open.get(process).value());
  }

  public HistoryBuilder info(long process) {
    return complete(process, OpType.INFO, open.get(process).value());
  }

  /** An operation that completed OK before anything else began. */
  public HistoryBuilder done(long process, Keyword f, Object value, Object observed) {
    return invoke(process, f, value).ok(process, observed);
  }

  private HistoryBuilder complete(long process, OpType outcome, Object observed) {
    events.add(open.remove(process).completed(outcome, observed));
    return this;
  }

  public List<Op> events() {
    return List.copyOf(events);
  }

  public List<Operation> operations() {
    return Pairing.pair(events);
  }
}
