package io.snakepit.chaos.checker;

import java.util.Locale;

/** What a check concluded. */
public enum Verdict {
  LINEARIZABLE,
  NOT_LINEARIZABLE,
  /** The time budget ran out before the search could decide. */
  UNKNOWN;

  /** As the command prints it. */
  public String label() {
    return this == NOT_LINEARIZABLE ? "NOT linearizable" : name().toLowerCase(Locale.ROOT);
  }
}
