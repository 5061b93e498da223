package io.snakepit.chaos.checker;

import io.snakepit.chaos.edn.EdnWriter;
import io.snakepit.chaos.history.Operation;
import java.util.List;

/**
 * Where a history stops being linearizable: the earliest completion that no ordering of the
 * operations before it can explain.
 *
 * @param key the independent register, or null for a single-register history
 * @param culprit the operation whose completion cannot be reached
 * @param window the culprit and every operation concurrent with it, in call order: an ordering of
 *     these is what is missing
 * @param possibleStates model states the search could reach just before the culprit completed
 */
public record Failure(
    Object key, Operation culprit, List<Operation> window, List<Object> possibleStates) {

  /** The failure as the command prints it, one fact per line. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (key != null) {
      text.append("key: ").append(EdnWriter.write(key)).append('\n');
    }
    text.append("cannot complete: ").append(culprit).append('\n');
    text.append("failing window (").append(window.size()).append(" operations):\n");
    for (Operation op : window) {
      text.append("  ").append(op).append('\n');
    }
    text.append("states just before: ").append(possibleStates).append('\n');
    return text.toString();
  }
}
