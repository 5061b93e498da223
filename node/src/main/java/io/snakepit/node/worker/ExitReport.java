package io.snakepit.node.worker;

import java.util.List;

/**
 * How a worker process ended, in words a user can act on.
 *
 * @param exitValue the value Java reports: 128+N when the process died of signal N
 * @param stderrTail the last lines the worker wrote to stderr
 */
public record ExitReport(int exitValue, List<String> stderrTail) {

  public ExitReport {
    stderrTail = List.copyOf(stderrTail);
  }

  public String describe() {
    String how =
        exitValue > 128 ? "killed by signal " + (exitValue - 128) : "exited with code " + exitValue;
    return stderrTail.isEmpty()
        ? how
        : how + "; last stderr:\n  " + String.join("\n  ", stderrTail);
  }
}
