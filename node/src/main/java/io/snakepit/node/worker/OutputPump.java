package io.snakepit.node.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads a process's stdout or stderr line by line on its own daemon thread and hands every line on.
 */
final class OutputPump {

  private final Thread thread;

  private OutputPump(String threadName, InputStream stream, Consumer<String> lineHandler) {
    this.thread = new Thread(() -> pump(stream, lineHandler), threadName);
    this.thread.setDaemon(true);
  }

  static OutputPump start(String threadName, InputStream stream, Consumer<String> lineHandler) {
    OutputPump pump = new OutputPump(threadName, stream, lineHandler);
    pump.thread.start();
    return pump;
  }

  /**
   * Waits (briefly) until the stream has been read to its end, so that every line was handed on.
   */
  void awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private static void pump(InputStream stream, Consumer<String> lineHandler) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineHandler.accept(line);
      }
    } catch (IOException e) {
      // The process is gone; what was read so far is all there is.
    }
  }
}
