package io.snakepit.chaos.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends a signal to one process (never its group), as the JDK has no API for it. */
final class Signals {

  private Signals() {}

  static void send(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
      int code = kill.waitFor();
      if (code != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + code);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + pid, e);
    }
  }
}
