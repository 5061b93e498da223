package io.snakepit.chaos.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Node processes on this machine's loopback, each with a fixed API and Raft port: the runtime for
 * machines without Docker. It kills, pauses and wipes nodes, and sets their clocks and slows their
 * disks through the files of their preloaded libraries; it cannot cut links between them.
 */
public final class ProcessCluster implements Cluster {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final ClusterSpec spec;
  private final Map<String, Integer> apiPorts = new LinkedHashMap<>();
  private final Map<String, Integer> raftPorts = new LinkedHashMap<>();
  private final Map<String, String> environment;
  private final Preloads preloads;
  private final Map<String, LocalNodeProcess> running = new LinkedHashMap<>();
  private final Set<String> joined = new HashSet<>();

  private ProcessCluster(ClusterSpec spec) {
    this.spec = spec;
    for (String id : spec.nodeIds()) {
      apiPorts.put(id, FreePorts.next());
      raftPorts.put(id, FreePorts.next());
    }
    this.environment = spec.nodeSettings(id -> "127.0.0.1:" + raftPorts.get(id));
    this.preloads = Preloads.prepare(spec);
  }

  /** Starts every node; each serves its API before the next starts, the group elects on its own. */
  public static ProcessCluster start(ClusterSpec spec) {
    ProcessCluster cluster = new ProcessCluster(spec);
    try {
      spec.nodeIds().forEach(cluster::launch);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  @Override
  public List<String> nodes() {
    return spec.nodeIds();
  }

  @Override
  public String target(String node) {
    return "127.0.0.1:" + apiPorts.get(node);
  }

  /** The node's JVM, for tests that look at the process itself. */
  public long pid(String node) {
    return running.get(node).pid();
  }

  @Override
  public synchronized void kill(String node) {
    try {
      LocalNodeProcess process = running.remove(node);
      process.kill();
      preloads.forgetKilled(process.pid());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing " + node, e);
    }
  }

  @Override
  public synchronized void restart(String node) {
    launch(node);
  }

  @Override
  public String raftAddress(String node) {
    return "127.0.0.1:" + raftPorts.get(node);
  }

  /** Waits outside the lock: the other nodes stay reachable meanwhile. */
  @Override
  public boolean awaitExit(String node, Duration timeout) throws InterruptedException {
    LocalNodeProcess process;
    synchronized (this) {
      process = running.get(node);
    }
    if (process == null || process.awaitExit(timeout)) {
      synchronized (this) {
        running.remove(node, process);
      }
      return true;
    }
    return false;
  }

  @Override
  public synchronized void restartWiped(String node) {
    if (running.containsKey(node)) {
      throw new IllegalStateException(node + " still runs: stop it before wiping its data");
    }
    try {
      Directories.deleteTree(dataDir(node));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot wipe the data of " + node, e);
    }
    joined.add(node);
    launch(node);
  }

  @Override
  public synchronized void pause(String node) {
    Signals.send("STOP", running.get(node).pid());
  }

  @Override
  public synchronized void resume(String node) {
    Signals.send("CONT", running.get(node).pid());
  }

  @Override
  public Optional<Clocks> clocks() {
    return preloads.clocks();
  }

  @Override
  public Optional<Disks> disks() {
    return preloads.disks();
  }

  @Override
  public synchronized void close() {
    for (LocalNodeProcess node : running.values()) {
      try {
        Signals.send("CONT", node.pid()); // a frozen JVM would not take its SIGTERM
        node.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // already gone: nothing to stop
      }
    }
    running.clear();
  }

  /** Under /tmp, not the work dir: worker socket paths must stay under 107 bytes. */
  private static Path runDir(String node) {
    return Path.of(
        System.getProperty("java.io.tmpdir"),
        "snakepit-chaos-" + ProcessHandle.current().pid(),
        node);
  }

  private Path dataDir(String node) {
    return spec.workDir().resolve(node).resolve("data");
  }

  private synchronized void launch(String node) {
    Map<String, String> env = new HashMap<>(environment);
    if (joined.contains(node)) {
      env.put("SNAKEPIT_STORE_RAFT_JOIN", "true");
    }
    if (preloads.any()) {
      env.putAll(preloads.hostEnvironment(node));
    }
    try {
      running.put(
          node,
          LocalNodeProcess.start(
              spec.nodeJar(),
              dataDir(node),
              runDir(node),
              apiPorts.get(node),
              env,
              START_TIMEOUT,
              "--node-id",
              node,
              "--pool-size",
              "1"));
    } catch (IOException e) {
      throw new UncheckedIOException("node " + node + " did not start", e);
    }
  }
}
