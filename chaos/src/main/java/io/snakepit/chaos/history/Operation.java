package io.snakepit.chaos.history;

import io.snakepit.chaos.edn.EdnWriter;
import io.snakepit.chaos.edn.Keyword;
import java.util.Map;

/**
 * An invocation paired with how it ended.
 *
 * @param completion the matching ok/fail/info event, or null when the call never completed
 * @param outcome OK, FAIL or INFO (never INVOKE); a call that never completed is INFO
 * @param call position of the invocation in the history
 * @param ret position of the completion, or {@link #NEVER} when the outcome is INFO: an unknown
 *     operation may take effect at any time after its call
 */
public record Operation(Op invocation, Op completion, OpType outcome, int call, int ret) {
  public static final int NEVER = Integer.MAX_VALUE;

  public Object process() {
    return invocation.process();
  }

  public Keyword f() {
    return invocation.f();
  }

  public Object key() {
    return invocation.key();
  }

  /** What the operation observed if it completed OK, else what it was called with. */
  public Object value() {
    return outcome == OpType.OK ? completion.value() : invocation.value();
  }

  public boolean mustTakeEffect() {
    return ret != NEVER;
  }

  /** The operation as one EDN map, with the history positions of its call and completion. */
  @Override
  public String toString() {
    Map<Keyword, Object> map = new Op(process(), outcome, f(), value(), null, key()).toEdnMap();
    map.put(Keyword.of("call"), (long) call);
    map.put(Keyword.of("ret"), ret == NEVER ? null : (long) ret);
    return EdnWriter.write(map);
  }
}
