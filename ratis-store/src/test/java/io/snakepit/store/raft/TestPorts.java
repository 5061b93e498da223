package io.snakepit.store.raft;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for servers that tests start. A port from {@code new ServerSocket(0)} comes from the
 * kernel's ephemeral range, where the local end of any outgoing connection may take it between the
 * check and the server's bind; a Ratis server that cannot bind ends the JVM. These come from below
 * that range (Linux's starts at 32768), each checked free, in turn from a random start so that test
 * JVMs one after another do not reuse each other's.
 */
public final class TestPorts {

  private static final int FIRST = 20_000;
  private static final int LAST = 32_000;
  private static final AtomicInteger NEXT =
      new AtomicInteger(FIRST + ThreadLocalRandom.current().nextInt(LAST - FIRST));

  private TestPorts() {}

  /** A port nothing listens on now. */
  public static int free() {
    for (int tried = 0; tried <= LAST - FIRST; tried++) {
      int port = NEXT.getAndUpdate(current -> current >= LAST ? FIRST : current + 1);
      try (ServerSocket probe = new ServerSocket(port)) {
        return port;
      } catch (IOException taken) {
        // try the next one
      }
    }
    throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
  }
}
