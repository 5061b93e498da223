package io.snakepit.chaos.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A running group of Snakepit nodes sharing one Raft store, as the faults and the clients see it.
 * Every runtime can kill and pause a node, and wipe one and start it as a replica that waits to be
 * added to the group. The rest are optional capabilities: cutting the network between nodes
 * (containers have it, plain processes on one loopback do not), and setting a node's wall clock or
 * slowing its disk, which need a library preloaded into the node processes when they start ({@link
 * ClusterSpec#preloads}).
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

  /** The node's Raft address as its peers know it ({@code store.raft.peers}): what an add takes. */
  String raftAddress(String node);

  /**
   * Waits until the node's process ends by itself, as a node removed from the group does once it
   * has drained its calls.
   *
   * @return whether it ended within {@code timeout}; false leaves it running
   */
  boolean awaitExit(String node, Duration timeout) throws InterruptedException;

  /**
   * Starts a node that has stopped (exited or killed) on an emptied data directory and with {@code
   * store.raft.join}: a fresh replica with the same id, which serves its API but waits outside the
   * group until a member adds it. It keeps {@code store.raft.join} when restarted later, as an
   * operator keeps it on a node that joined.
   */
  void restartWiped(String node);

  /**
   * Freezes every thread of the node without it noticing.
   *
   * @throws FaultNotApplied when the runtime could not freeze it and left it running
   */
  void pause(String node);

  void resume(String node);

  /** How the runtime cuts links between nodes, when it can. */
  default Optional<Network> network() {
    return Optional.empty();
  }

  /** How the runtime sets a node's wall clock, when its nodes preload libfaketime. */
  default Optional<Clocks> clocks() {
    return Optional.empty();
  }

  /** How the runtime slows a node's disk, when its nodes preload the slow-sync library. */
  default Optional<Disks> disks() {
    return Optional.empty();
  }

  /** Nodes whose wall clocks can be set apart from the true time. */
  interface Clocks {

    /**
     * Sets the wall clock that the node's processes read to the true time plus {@code offset},
     * within a second; {@link Duration#ZERO} restores it. Their monotonic clocks and timers stay
     * true, as when NTP steps a machine's clock.
     */
    void setOffset(String node, Duration offset);
  }

  /** Nodes whose disks can be made slow. */
  interface Disks {

    /**
     * Makes every fsync, fdatasync and sync_file_range of the node's processes wait {@code delay}
     * first, within 100 ms; {@link Duration#ZERO} restores them.
     */
    void setSyncDelay(String node, Duration delay);
  }

  /** A runtime whose nodes talk over links that can be cut or made lossy. */
  interface Network {

    /**
     * Drops all traffic between nodes of different components; traffic between a client and any
     * node keeps flowing, as in Jepsen, so that calls meet the partition inside the cluster.
     *
     * @param reachable for each node, the nodes it can still exchange messages with
     */
    void cut(Map<String, Set<String>> reachable);

    /**
     * Drops a random share of the packets each node receives from the given nodes, every packet on
     * its own; other traffic, a client's included, flows as before.
     *
     * @param lossy for each node, the nodes whose packets it drops a share of
     * @param share the probability that such a packet is dropped, above 0 and at most 1
     */
    void lose(Map<String, Set<String>> lossy, double share);

    /** Restores every link, cut or lossy. */
    void heal();
  }

  @Override
  void close();
}
