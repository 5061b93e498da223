package io.snakepit.node.worker;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a worker process ended, in words a user can act on.
 *
 * @param exitValue the value Java reports: 128+N when the process died of signal N
 * @param stderrTail the last lines the worker wrote to stderr
 * @param forkServer how its fork server ended, for a forked worker that went down with it
 */
public record ExitReport(int exitValue, List<String> stderrTail, Optional<ExitReport> forkServer) {

  /** Why a worker ended, for the error message and the exit metrics. */
  public enum Cause {
    EXITED,
    SEGFAULT,
    ABORTED,
    KILLED,
    SIGNALLED,
    FORK_SERVER
  }

  private static final int SIGNAL_BASE = 128;
  private static final int SIGKILL = 9;
  private static final Map<Integer, String> SIGNAL_NAMES =
      Map.of(
          4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS", 8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15,
          "SIGTERM");

  public ExitReport {
    stderrTail = List.copyOf(stderrTail);
  }

  public ExitReport(int exitValue, List<String> stderrTail) {
    this(exitValue, stderrTail, Optional.empty());
  }

  /**
   * A forked worker that the kernel killed when its fork server ended (its parent-death signal).
   */
  static ExitReport withForkServer(ExitReport forkServer) {
    return new ExitReport(signalled(SIGKILL), List.of(), Optional.of(forkServer));
  }

  /** The exit value Java reports for a process that died of {@code signal}. */
  static int signalled(int signal) {
    return SIGNAL_BASE + signal;
  }

  public Cause cause() {
    if (forkServer.isPresent()) {
      return Cause.FORK_SERVER;
    }
    if (exitValue <= SIGNAL_BASE) {
      return Cause.EXITED;
    }
    return switch (exitValue - SIGNAL_BASE) {
      case 11, 7 -> Cause.SEGFAULT;
      case 6 -> Cause.ABORTED;
      case 9 -> Cause.KILLED;
      default -> Cause.SIGNALLED;
    };
  }

  public String describe() {
    return stderrTail.isEmpty()
        ? how()
        : how() + "; last stderr:\n  " + String.join("\n  ", stderrTail);
  }

  private String how() {
    int signal = exitValue - SIGNAL_BASE;
    String name = SIGNAL_NAMES.getOrDefault(signal, "signal " + signal);
    return switch (cause()) {
      case EXITED -> "exited with code " + exitValue;
      case SEGFAULT -> "crashed with a segmentation fault (" + name + ")";
      case ABORTED -> "aborted (" + name + ")";
      case KILLED ->
          "was killed with SIGKILL (by the node, an operator, or the kernel's out-of-memory"
              + " killer)";
      case SIGNALLED -> "was killed by " + name;
      case FORK_SERVER ->
          "went down with its fork server, which " + forkServer.orElseThrow().describe();
    };
  }
}
