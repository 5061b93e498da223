package io.snakepit.chaos.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a history of events into operations. An invocation is completed by the next ok, fail or
 * info event of the same process; one that never is, or whose process invokes again first, becomes
 * INFO. Completions without an open invocation and the nemesis's events are ignored: they say
 * nothing about the clients' operations.
 */
public final class Pairing {
  private Pairing() {}

  public static List<Operation> pair(List<Op> history) {
    Map<Object, Integer> openCall = new HashMap<>();
    Map<Integer, Operation> byCall = new TreeMap<>();
    for (int position = 0; position < history.size(); position++) {
      Op op = history.get(position);
      if (op.isNemesis()) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        Integer previous = openCall.put(op.process(), position);
        if (previous != null) {
          byCall.put(previous, unknown(history, previous, null));
        }
      } else {
        Integer call = openCall.remove(op.process());
        if (call != null) {
          byCall.put(call, completed(history, call, op, position));
        }
      }
    }
    for (int call : openCall.values()) {
      byCall.put(call, unknown(history, call, null));
    }
    return List.copyOf(byCall.values());
  }

  private static Operation completed(List<Op> history, int call, Op completion, int position) {
    if (completion.type() == OpType.INFO) {
      return unknown(history, call, completion);
    }
    return new Operation(history.get(call), completion, completion.type(), call, position);
  }

  private static Operation unknown(List<Op> history, int call, Op completion) {
    return new Operation(history.get(call), completion, OpType.INFO, call, Operation.NEVER);
  }
}
