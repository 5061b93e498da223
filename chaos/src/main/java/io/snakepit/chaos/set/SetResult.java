package io.snakepit.chaos.set;

import java.util.Set;

/**
 * @param finalReadSeen false when no read completed, so nothing could be checked
 * @param acknowledged adds acknowledged before the final read began: each must be present
 * @param lost acknowledged elements missing from the final read
 * @param unexpected elements in the final read that no add could have put there
 */
public record SetResult(
    boolean finalReadSeen, int acknowledged, Set<Object> lost, Set<Object> unexpected) {

  static SetResult withoutFinalRead() {
    return new SetResult(false, 0, Set.of(), Set.of());
  }

  public boolean valid() {
    return finalReadSeen && lost.isEmpty() && unexpected.isEmpty();
  }
}
