package io.snakepit.chaos.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A running group of Snakepit nodes sharing one Raft store, as the faults and the clients see it.
 * Every runtime can kill and pause a node; cutting the network between nodes is an optional
 * capability (containers have it, plain processes on one loopback do not).
 */
public interface Cluster extends AutoCloseable {

  /** The nodes' ids, in a fixed order. */
  List<String> nodes();

  /** The address a client uses to reach {@code node}; stable across restarts. */
  String target(String node);

  /** Kills the node abruptly (SIGKILL): no shutdown hook, no flush. */
  void kill(String node);

  /** Starts a killed node again on its own data, and waits until it serves its API. */
  void restart(String node);

  /** Freezes every thread of the node without it noticing. */
  void pause(String node);

  void resume(String node);

  /** How the runtime cuts links between nodes, when it can. */
  default Optional<Network> network() {
    return Optional.empty();
  }

  /** A runtime whose nodes talk over links that can be cut. */
  interface Network {

    /**
     * Drops all traffic between nodes of different components; traffic between a client and any
     * node keeps flowing, as in Jepsen, so that calls meet the partition inside the cluster.
     *
     * @param reachable for each node, the nodes it can still exchange messages with
     */
    void cut(Map<String, Set<String>> reachable);

    /** Restores every link. */
    void heal();
  }

  @Override
  void close();
}
