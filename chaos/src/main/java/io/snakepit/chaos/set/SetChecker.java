package io.snakepit.chaos.set;

import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.history.Operation;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a set workload ({@code :add} of unique elements, then a final {@code :read} of the whole
 * set) for loss and invention: every add acknowledged before the final read began is in it, and
 * nothing is in it that was never added. An add whose outcome is unknown, or that overlaps the
 * final read, may be present or not. A failed add is definite in Snakepit's API, so finding its
 * element counts as unexpected.
 */
public final class SetChecker {
  public static final Keyword ADD = Keyword.of("add");
  public static final Keyword READ = Keyword.of("read");

  private SetChecker() {}

  public static SetResult check(List<Operation> operations) {
    Operation finalRead = lastOkRead(operations);
    if (finalRead == null) {
      return SetResult.withoutFinalRead();
    }
    Set<Object> present = new LinkedHashSet<>((Collection<?>) finalRead.value());
    Set<Object> lost = new LinkedHashSet<>();
    Set<Object> unexpected = new LinkedHashSet<>(present);
    int acknowledged = 0;
    for (Operation op : operations) {
      if (!ADD.equals(op.f()) || op.outcome() == OpType.FAIL) {
        continue;
      }
      unexpected.remove(op.value());
      if (op.outcome() == OpType.OK && op.ret() < finalRead.call()) {
        acknowledged++;
        if (!present.contains(op.value())) {
          lost.add(op.value());
        }
      }
    }
    return new SetResult(true, acknowledged, lost, unexpected);
  }

  private static Operation lastOkRead(List<Operation> operations) {
    Operation last = null;
    for (Operation op : operations) {
      if (READ.equals(op.f())
          && op.outcome() == OpType.OK
          && (last == null || op.ret() > last.ret())) {
        last = op;
      }
    }
    return last;
  }
}
