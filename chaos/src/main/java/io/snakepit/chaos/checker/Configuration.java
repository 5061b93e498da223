package io.snakepit.chaos.checker;

import java.util.Arrays;

/**
 * A point of the search: which operations are linearized and the model state they lead to. Two
 * paths reaching the same configuration have the same future, so the search explores it once.
 */
final class Configuration {
  private final long[] linearized;
  private final long linearizedHash;
  private final Object state;

  Configuration(long[] linearized, long linearizedHash, Object state) {
    this.linearized = linearized;
    this.linearizedHash = linearizedHash;
    this.state = state;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Configuration)) {
      return false;
    }
    Configuration other = (Configuration) o;
    return linearizedHash == other.linearizedHash
        && state.equals(other.state)
        && Arrays.equals(linearized, other.linearized);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(linearizedHash) * 31 + state.hashCode();
  }
}
