package io.snakepit.store.raft;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.util.CodeInjectionForTesting;

/**
 * Cuts peers of this JVM, with their nodes' calls, off from the rest, as a network partition does:
 *
 * <ul>
 *   <li>Ratis's server requests (a vote, an append, a snapshot, a leadership hand-over) across the
 *       cut wait at the injection points where Ratis's servers receive them until {@link #heal}, as
 *       a TCP connection holds what a dropped link did not deliver;
 *   <li>everything a node sends another replica itself, its Raft client's requests and its term
 *       probes and forwarded reads, is dropped at {@link LinkFaults#SEND} and goes unanswered.
 * </ul>
 */
final class NetworkPartition implements AutoCloseable {

  /**
   * The names Ratis's {@code RaftServerImpl} gives its injection points (package-private there).
   */
  private static final String[] SERVER_REQUESTS = {
    "RaftServerImpl.requestVote",
    "RaftServerImpl.appendEntries",
    "RaftServerImpl.installSnapshot",
    "RaftServerImpl.startLeaderElection"
  };

  private final Set<String> isolated = new HashSet<>();

  /** Raft client requests dropped, by sender then receiver. */
  private final Map<String, Map<String, Integer>> droppedClientRequests = new HashMap<>();

  private NetworkPartition() {}

  /** Installs the partition, with nobody isolated yet; {@link #close} removes it. */
  static NetworkPartition install() {
    NetworkPartition partition = new NetworkPartition();
    for (String point : SERVER_REQUESTS) {
      CodeInjectionForTesting.put(point, partition::holdAcrossTheCut);
    }
    CodeInjectionForTesting.put(LinkFaults.SEND, partition::dropAcrossTheCut);
    return partition;
  }

  synchronized void isolate(String peerId) {
    isolated.add(peerId);
  }

  synchronized void heal() {
    isolated.clear();
    notifyAll();
  }

  /** How many Raft client requests {@code from}'s node sent {@code to} that the cut dropped. */
  synchronized int clientRequestsDropped(String from, String to) {
    return droppedClientRequests.getOrDefault(from, Map.of()).getOrDefault(to, 0);
  }

  private synchronized boolean dropAcrossTheCut(Object from, Object to, Object... request) {
    if (!acrossTheCut(from, to)) {
      return false;
    }
    if (request.length > 0 && request[0] instanceof RaftClientRequest) {
      droppedClientRequests
          .computeIfAbsent(from.toString(), sender -> new HashMap<>())
          .merge(to.toString(), 1, Integer::sum);
    }
    return true;
  }

  private boolean holdAcrossTheCut(Object localId, Object remoteId, Object... args) {
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

  private synchronized boolean acrossTheCut(Object localId, Object remoteId) {
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
    CodeInjectionForTesting.remove(LinkFaults.SEND);
  }
}
