package io.snakepit.chaos.workload;

/**
 * A workload's verdict on its history.
 *
 * @param summary one line on what was checked and what it found
 * @param details the evidence when the verdict is not valid (a failing window, lost elements)
 */
public record CheckReport(Validity validity, String summary, String details) {

  public enum Validity {
    VALID,
    INVALID,
    /** The checker ran out of time or had nothing to decide on: never a pass. */
    UNKNOWN
  }
}
