package io.snakepit.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a process still runs, as tests of "nothing left behind" need to know. */
final class ProcessState {

  private ProcessState() {}

  /**
   * False once the process is gone or a zombie: dead, and only waiting for a parent to collect its
   * status (which a container's init may never do).
   */
  static boolean running(long pid) {
    char state = state(pid);
    return state != 'Z' && state != GONE;
  }

  /** True for a process frozen by SIGSTOP. */
  static boolean stopped(long pid) {
    return state(pid) == 'T';
  }

  private static final char GONE = '-';

  private static char state(long pid) {
    try {
      String stat =
          Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
      return stat.charAt(stat.lastIndexOf(')') + 2);
    } catch (IOException e) {
      return GONE;
    }
  }
}
