package io.snakepit.chaos.report;

import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One completed operation on the plot: when it started, how long it took, how it ended. */
record LatencySample(long startNanos, long latencyNanos, OpType type) {

  /** Pairs each completion with its process's open invocation; nemesis events are not samples. */
  static List<LatencySample> of(List<Op> history) {
    Map<Object, Op> open = new HashMap<>();
    List<LatencySample> samples = new ArrayList<>();
    for (Op op : history) {
      if (op.isNemesis() || op.time() == null) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        open.put(op.process(), op);
        continue;
      }
      Op invocation = open.remove(op.process());
      if (invocation != null) {
        samples.add(new LatencySample(invocation.time(), op.time() - invocation.time(), op.type()));
      }
    }
    return samples;
  }
}
