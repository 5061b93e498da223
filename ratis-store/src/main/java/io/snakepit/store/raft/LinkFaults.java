package io.snakepit.store.raft;

import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.util.CodeInjectionForTesting;

/**
 * Where a node's calls to other replicas can be dropped, as a cut network drops them: its Raft
 * client's requests ({@link CuttableClientRpc}) and its own replica methods ({@link
 * ReplicaChannel}). Tests register code at {@link #SEND} through Ratis's {@link
 * CodeInjectionForTesting}, beside the points where Ratis's servers receive votes and appends, so
 * that a partition in one JVM separates nodes wholly, as a real one does; without registered code
 * this is one map lookup.
 */
final class LinkFaults {

  /** Its code gets the sending replica, the receiving one and the request; true drops it. */
  static final String SEND = "Snakepit.sendToReplica";

  private LinkFaults() {}

  static boolean dropped(RaftPeerId from, RaftPeerId to, Object request) {
    return CodeInjectionForTesting.execute(SEND, from, to, request);
  }
}
