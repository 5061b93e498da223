package io.snakepit.node.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a process writes, line by line: each line goes into the node's log tagged with the process,
 * and the last few are kept so that a process that dies can say why.
 */
final class OutputLines implements Consumer<String> {

  private static final Logger log = LoggerFactory.getLogger("snakepit.worker");
  private static final int TAIL_LINES = 20;

  private final String tag;
  private final Deque<String> tail = new ArrayDeque<>();

  OutputLines(String tag) {
    this.tag = tag;
  }

  @Override
  public void accept(String line) {
    remember(line);
    log.info("[{}] {}", tag, line);
  }

  /** The last lines, oldest first. */
  synchronized List<String> tail() {
    return List.copyOf(tail);
  }

  private synchronized void remember(String line) {
    if (tail.size() == TAIL_LINES) {
      tail.removeFirst();
    }
    tail.addLast(line);
  }
}
