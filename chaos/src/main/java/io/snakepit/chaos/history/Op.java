package io.snakepit.chaos.history;

import io.snakepit.chaos.edn.Keyword;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event of a history, as Jepsen records it.
 *
 * @param process who issued it: an integer for clients, a keyword such as {@code :nemesis} else
 * @param value the argument on invocation, the observed value on completion; may be null
 * @param time nanoseconds on the recorder's monotonic clock, or null when not recorded
 * @param key the independent register it touches, or null for single-register histories
 */
public record Op(Object process, OpType type, Keyword f, Object value, Long time, Object key) {
  public static final Keyword NEMESIS = Keyword.of("nemesis");

  public static Op invoke(Object process, Keyword f, Object value) {
    return new Op(process, OpType.INVOKE, f, value, null, null);
  }

  /** The completion of this invocation; its time is the caller's to set with {@link #at}. */
  public Op completed(OpType outcome, Object observed) {
    return new Op(process, outcome, f, observed, null, key);
  }

  public Op at(long nanos) {
    return new Op(process, type, f, value, nanos, key);
  }

  public Op onKey(Object register) {
    return new Op(process, type, f, value, time, register);
  }

  public boolean isNemesis() {
    return NEMESIS.equals(process);
  }

  /** The EDN map of this event, in the field names Jepsen uses. */
  public Map<Keyword, Object> toEdnMap() {
    Map<Keyword, Object> map = new LinkedHashMap<>();
    map.put(HistoryFields.PROCESS, process);
    map.put(HistoryFields.TYPE, type.keyword());
    map.put(HistoryFields.F, f);
    map.put(HistoryFields.VALUE, value);
    if (key != null) {
      map.put(HistoryFields.KEY, key);
    }
    if (time != null) {
      map.put(HistoryFields.TIME, time);
    }
    return map;
  }
}
