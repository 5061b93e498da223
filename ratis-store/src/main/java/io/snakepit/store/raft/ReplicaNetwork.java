package io.snakepit.store.raft;

import java.util.Optional;

/**
 * Where this node's replica listens, and how the replicas and this node's clients of the group
 * reach one another.
 *
 * @param bindHost the address the Raft port listens on; empty for every interface
 * @param tls mutual TLS on the Raft port and in every call to another replica; empty for plaintext
 */
public record ReplicaNetwork(Optional<String> bindHost, Optional<ReplicaTls> tls) {

  /** Plaintext on every interface, as replicas that all run on one machine in tests may listen. */
  public static ReplicaNetwork plaintextOnEveryInterface() {
    return new ReplicaNetwork(Optional.empty(), Optional.empty());
  }
}
