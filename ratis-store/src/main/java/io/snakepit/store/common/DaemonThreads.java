package io.snakepit.store.common;

import java.util.concurrent.ThreadFactory;

/**
 * Threads named for what they do, which never keep the JVM alive: the store's background work ends
 * with the node, whose shutdown stops it in order.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  public static ThreadFactory named(String name) {
    return task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
