package io.snakepit.chaos.run;

import io.snakepit.chaos.history.Op;
import java.util.List;

/** How the operations of a history ended. */
public record Counts(long ok, long fail, long info) {

  public static Counts of(List<Op> history) {
    long ok = 0;
    long fail = 0;
    long info = 0;
    for (Op op : history) {
      if (op.isNemesis()) {
        continue;
      }
      switch (op.type()) {
        case OK:
          ok++;
          break;
        case FAIL:
          fail++;
          break;
        case INFO:
          info++;
          break;
        default:
          break;
      }
    }
    return new Counts(ok, fail, info);
  }

  public long operations() {
    return ok + fail + info;
  }

  @Override
  public String toString() {
    return operations() + " operations: " + ok + " ok, " + fail + " fail, " + info + " info";
  }
}
