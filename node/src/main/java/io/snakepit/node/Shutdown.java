package io.snakepit.node;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's parts in reverse start order, closed one by one so that one failing part does not keep
 * the others open.
 */
final class Shutdown implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Shutdown.class);

  private record Step(String name, Runnable action) {}

  private final Deque<Step> steps = new ArrayDeque<>();

  /** Adds a part started after the others: it is closed before them. */
  synchronized void add(String name, Runnable action) {
    steps.push(new Step(name, action));
  }

  @Override
  public synchronized void run() {
    while (!steps.isEmpty()) {
      Step step = steps.pop();
      try {
        step.action().run();
      } catch (RuntimeException e) {
        log.warn("closing {} failed", step.name(), e);
      }
    }
  }
}
