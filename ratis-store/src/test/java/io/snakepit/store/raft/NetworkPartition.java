package io.snakepit.store.raft;

import java.util.HashSet;
import java.util.Set;
import org.apache.ratis.util.CodeInjectionForTesting;

/**
 * Cuts peers of this JVM off from the rest, through the injection points Ratis's servers call when
 * they receive a vote, an append or a snapshot: a request across the cut waits until {@link #heal},
 * as if the network held it. Client requests still arrive, as they would from a client on the
 * isolated side.
 */
final class NetworkPartition implements CodeInjectionForTesting.Code, AutoCloseable {

  /**
   * The names Ratis's {@code RaftServerImpl} gives its injection points (package-private there).
   */
  private static final String[] SERVER_REQUESTS = {
    "RaftServerImpl.requestVote", "RaftServerImpl.appendEntries", "RaftServerImpl.installSnapshot"
  };

  private final Set<String> isolated = new HashSet<>();

  private NetworkPartition() {}

  /** Installs the partition, with nobody isolated yet; {@link #close} removes it. */
  static NetworkPartition install() {
    NetworkPartition partition = new NetworkPartition();
    for (String point : SERVER_REQUESTS) {
      CodeInjectionForTesting.put(point, partition);
    }
    return partition;
  }

  synchronized void isolate(String peerId) {
    isolated.add(peerId);
  }

  synchronized void heal() {
    isolated.clear();
    notifyAll();
  }

  @Override
  public boolean execute(Object localId, Object remoteId, Object... args) {
    boolean held = false;
    synchronized (this) {
      while (acrossTheCut(localId, remoteId)) {
        held = true;
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return held;
        }
      }
    }
    return held;
  }

  private boolean acrossTheCut(Object localId, Object remoteId) {
    if (localId == null || remoteId == null) {
      return false;
    }
    return isolated.contains(localId.toString()) != isolated.contains(remoteId.toString());
  }

  @Override
  public void close() {
    heal();
    for (String point : SERVER_REQUESTS) {
      CodeInjectionForTesting.remove(point);
    }
  }
}
