package io.snakepit.node.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a worker's stdout or stderr line by line on its own daemon thread, hands every line on, and
 * keeps the last few so that a worker that dies can say why.
 */
final class OutputPump {

  private static final int TAIL_LINES = 20;

  private final Deque<String> tail = new ArrayDeque<>();
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

  /** The last lines read, oldest first. */
  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  /** Waits (briefly) until the stream has been read to its end, so that the tail is complete. */
  void awaitEnd(long millis) throws InterruptedException {
    thread.join(millis);
  }

  private void pump(InputStream stream, Consumer<String> lineHandler) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        remember(line);
        lineHandler.accept(line);
      }
    } catch (IOException e) {
      // The process is gone; what was read so far is all there is.
    }
  }

  private synchronized void remember(String line) {
    if (tail.size() == TAIL_LINES) {
      tail.removeFirst();
    }
    tail.addLast(line);
  }
}
