package io.snakepit.chaos.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * Each node in its own container on a Docker network made for the run, with its own address: the
 * default runtime. Clients reach the nodes at their container addresses from the host; links
 * between nodes are cut or made lossy with iptables inside the containers (which run with
 * NET_ADMIN), so a partition separates nodes but never a client from the node it calls.
 *
 * <p>A node's data lives in its container, which a kill keeps: a restart starts the same container
 * again. To wipe a node that has stopped, the harness drops marker files into the stopped
 * container, and the container's start script empties {@code /data} and sets {@code
 * store.raft.join} before it starts the node (a stopped container takes files but runs no command).
 */
public final class ContainerCluster implements Cluster, Cluster.Network {

  private static final int API_PORT = 50051;
  private static final int RAFT_PORT = 7000;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final int PAUSE_ATTEMPTS = 3;
  private static final String DATA_DIR = "/data";

  /** Present: the next start empties {@code /data} first, then removes the marker. */
  private static final String WIPE_MARKER = "/opt/snakepit/wipe";

  /** Present: every later start sets {@code store.raft.join}. */
  private static final String JOIN_MARKER = "/opt/snakepit/join";

  /** Where a node finds its control files: a directory of the host, bind-mounted. */
  private static final Path CONTROL_DIR = Path.of("/opt/snakepit-chaos/control");

  /** Where a node finds the slow-sync library: a file of the host, bind-mounted. */
  private static final Path SLOW_SYNC_LIBRARY = Path.of("/opt/snakepit-chaos/libslowsync.so");

  /**
   * Carries the value of {@code LD_PRELOAD} to the start script, which sets it for the JVM alone:
   * the commands the harness runs in the container (iptables) preload nothing.
   */
  private static final String PRELOAD_VARIABLE = "SNAKEPIT_CHAOS_PRELOAD";

  /** Runs before the node's JVM, which it then becomes ({@code exec}): the JVM stays PID 1. */
  private static final String START_SCRIPT =
      "if [ -e "
          + WIPE_MARKER
          + " ]; then find "
          + DATA_DIR
          + " -mindepth 1 -delete && rm "
          + WIPE_MARKER
          + " || exit 3; fi; if [ -e "
          + JOIN_MARKER
          + " ]; then export SNAKEPIT_STORE_RAFT_JOIN=true; fi; if [ -n \"$"
          + PRELOAD_VARIABLE
          + "\" ]; then export LD_PRELOAD=\"$"
          + PRELOAD_VARIABLE
          + "\"; fi; exec \"$@\"";

  private static final List<String> HOST_SYSTEM =
      List.of("/usr", "/lib", "/lib64", "/bin", "/sbin", "/etc");

  private final ClusterSpec spec;
  private final DockerClient docker = DockerClientFactory.instance().client();
  private final org.testcontainers.containers.Network network =
      org.testcontainers.containers.Network.newNetwork();
  private final Map<String, GenericContainer<?>> containers = new LinkedHashMap<>();
  private final Map<String, String> addresses = new LinkedHashMap<>();
  private final Preloads preloads;

  private ContainerCluster(ClusterSpec spec) {
    this.spec = spec;
    this.preloads = Preloads.prepare(spec);
  }

  /** Whether a Docker engine answers; without one, use {@link ProcessCluster}. */
  public static boolean dockerAvailable() {
    return DockerClientFactory.instance().isDockerAvailable();
  }

  /** Builds the node image if needed, starts every node at once, and waits until each serves. */
  public static ContainerCluster start(ClusterSpec spec) {
    ContainerCluster cluster = new ContainerCluster(spec);
    try {
      String image = NodeImage.of(cluster.docker, spec.nodeJar());
      for (String id : spec.nodeIds()) {
        cluster.containers.put(id, cluster.container(image, id));
      }
      Startables.deepStart(cluster.containers.values()).join();
      cluster.containers.forEach(
          (id, container) -> cluster.addresses.put(id, ipAddress(container)));
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

  /** The container's own address: Docker keeps it across a kill and start, unlike mapped ports. */
  @Override
  public String target(String node) {
    return addresses.get(node) + ":" + API_PORT;
  }

  @Override
  public void kill(String node) {
    docker.killContainerCmd(id(node)).withSignal("KILL").exec();
  }

  @Override
  public void restart(String node) {
    docker.startContainerCmd(id(node)).exec();
    awaitListening(node);
  }

  /** The peers reach each other by their network aliases, the node ids. */
  @Override
  public String raftAddress(String node) {
    return node + ":" + RAFT_PORT;
  }

  @Override
  public boolean awaitExit(String node, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (running(node)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(200);
    }
    return true;
  }

  @Override
  public void restartWiped(String node) {
    if (running(node)) {
      throw new IllegalStateException(node + " still runs: stop it before wiping its data");
    }
    GenericContainer<?> container = containers.get(node);
    container.copyFileToContainer(Transferable.of(new byte[0]), WIPE_MARKER);
    container.copyFileToContainer(Transferable.of(new byte[0]), JOIN_MARKER);
    restart(node);
  }

  private boolean running(String node) {
    return Boolean.TRUE.equals(docker.inspectContainerCmd(id(node)).exec().getState().getRunning());
  }

  /**
   * Freezes the container's cgroup: the node and its Python workers alike. The freezer gives up
   * ("unable to freeze") when a busy process does not stop in time and thaws the container again; a
   * few tries get through on a loaded machine, and when they do not the fault is not applied.
   */
  @Override
  public void pause(String node) {
    for (int attempt = 1; ; attempt++) {
      try {
        docker.pauseContainerCmd(id(node)).exec();
        return;
      } catch (DockerException e) {
        if (attempt == PAUSE_ATTEMPTS) {
          throw new FaultNotApplied(
              "Docker could not pause " + node + " in " + PAUSE_ATTEMPTS + " tries", e);
        }
        sleepBriefly();
      }
    }
  }

  @Override
  public void resume(String node) {
    docker.unpauseContainerCmd(id(node)).exec();
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
  public Optional<Cluster.Network> network() {
    return Optional.of(this);
  }

  /** Each node drops what arrives from the nodes it may not reach; the rule is symmetric. */
  @Override
  public void cut(Map<String, Set<String>> reachable) {
    Map<String, Set<String>> unreachable = new LinkedHashMap<>();
    for (String node : nodes()) {
      Set<String> others = new LinkedHashSet<>(nodes());
      others.removeAll(reachable.get(node));
      unreachable.put(node, others);
    }
    drop(unreachable, "");
  }

  /** iptables' statistic match draws for each packet on its own ({@code tc netem} is missing). */
  @Override
  public void lose(Map<String, Set<String>> lossy, double share) {
    drop(
        lossy, String.format(Locale.ROOT, " -m statistic --mode random --probability %.4f", share));
  }

  /** Each node drops what arrives from the given nodes: all of it, or what {@code match} picks. */
  private void drop(Map<String, Set<String>> from, String match) {
    Map<String, String> scripts = new LinkedHashMap<>();
    for (String node : nodes()) {
      List<String> rules = new ArrayList<>();
      for (String other : from.getOrDefault(node, Set.of())) {
        rules.add("/usr/sbin/iptables -A INPUT -s " + addresses.get(other) + match + " -j DROP");
      }
      if (!rules.isEmpty()) {
        scripts.put(node, String.join(" && ", rules));
      }
    }
    execOnAll(scripts);
  }

  @Override
  public void heal() {
    Map<String, String> scripts = new LinkedHashMap<>();
    nodes().forEach(node -> scripts.put(node, "/usr/sbin/iptables -F INPUT"));
    execOnAll(scripts);
  }

  /**
   * On every node at once: one {@code docker exec} takes a few hundred milliseconds on a loaded
   * machine, so a cut made node after node would hold for seconds a partition that is only partly
   * made, and the fault would be in force (for the report's figures) well after it began to bite.
   */
  private void execOnAll(Map<String, String> scripts) {
    List<CompletableFuture<Void>> running =
        scripts.entrySet().stream()
            .map(
                entry ->
                    CompletableFuture.runAsync(
                        () -> exec(entry.getKey(), entry.getValue()),
                        ContainerCluster::inNewThread))
            .toList();
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
  }

  /** Stops and removes every container and the network, keeping each node's log in the work dir. */
  @Override
  public void close() {
    containers.forEach(this::saveLogAndStop);
    containers.clear();
    network.close();
  }

  private GenericContainer<?> container(String image, String id) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withNetwork(network)
            .withNetworkAliases(id)
            .withTmpFs(Map.of("/tmp", "rw,exec")) // RocksDB unpacks its native library there
            .withCreateContainerCmdModifier(
                create -> create.getHostConfig().withCapAdd(Capability.NET_ADMIN))
            .withEnv(spec.nodeSettings(peer -> peer + ":" + RAFT_PORT))
            // Plaintext on purpose: the harness talks to the nodes of its own throwaway network.
            .withEnv("SNAKEPIT_SECURITY_INSECURE", "true")
            .withCommand(command(id))
            .waitingFor(
                Wait.forLogMessage(".*listening on.*\\n", 1).withStartupTimeout(START_TIMEOUT));
    for (String dir : hostSystem()) {
      container.withFileSystemBind(dir, dir, BindMode.READ_ONLY);
    }
    if (preloads.any()) {
      preload(container, id);
    }
    return container;
  }

  /**
   * The harness writes a node's control files on the host, into a directory the container sees; a
   * directory, not the files, since each is replaced by a rename, which a file bind would miss.
   */
  private void preload(GenericContainer<?> container, String id) {
    container
        .withFileSystemBind(
            preloads.controlDir(id).toString(), CONTROL_DIR.toString(), BindMode.READ_WRITE)
        .withEnv(PRELOAD_VARIABLE, preloads.libraries(SLOW_SYNC_LIBRARY))
        .withEnv(preloads.settings(CONTROL_DIR));
    if (preloads.slowSyncLibrary() != null) {
      container.withFileSystemBind(
          preloads.slowSyncLibrary().toString(), SLOW_SYNC_LIBRARY.toString(), BindMode.READ_ONLY);
    }
  }

  /** The host's system directories, and the running JDK's home wherever it lives. */
  private static List<String> hostSystem() {
    List<String> dirs = new ArrayList<>(HOST_SYSTEM);
    String javaHome = System.getProperty("java.home");
    if (dirs.stream().noneMatch(dir -> javaHome.startsWith(dir + "/"))) {
      dirs.add(javaHome);
    }
    return dirs;
  }

  private static String[] command(String id) {
    return new String[] {
      "/bin/sh",
      "-c",
      START_SCRIPT,
      "sh",
      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "-jar",
      NodeImage.JAR,
      "start",
      "--node-id",
      id,
      "--host",
      "0.0.0.0",
      "--port",
      Integer.toString(API_PORT),
      "--http-port",
      "-1",
      "--pool-size",
      "1",
      "--data-dir",
      DATA_DIR
    };
  }

  private static String ipAddress(GenericContainer<?> container) {
    return container
        .getContainerInfo()
        .getNetworkSettings()
        .getNetworks()
        .values()
        .iterator()
        .next()
        .getIpAddress();
  }

  /** One thread per node, however few cores: each mostly waits for Docker. */
  private static void inNewThread(Runnable task) {
    new Thread(task, "chaos-exec").start();
  }

  private String id(String node) {
    return containers.get(node).getContainerId();
  }

  private void exec(String node, String script) {
    try {
      ExecResult result = containers.get(node).execInContainer("/bin/sh", "-c", script);
      if (result.getExitCode() != 0) {
        throw new IllegalStateException(
            "on " + node + ": `" + script + "` failed: " + result.getStderr());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted on " + node, e);
    }
  }

  /** The API port accepting connections; the restarted JVM opens it once its pool is up. */
  private void awaitListening(String node) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(addresses.get(node), API_PORT), 1000);
        return;
      } catch (IOException notYet) {
        sleepBriefly();
      }
    }
    throw new IllegalStateException(node + " did not listen within " + START_TIMEOUT);
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void saveLogAndStop(String node, GenericContainer<?> container) {
    try {
      if (container.getContainerId() != null) {
        docker.unpauseContainerCmd(container.getContainerId()).exec();
      }
    } catch (RuntimeException notPaused) {
      // only a paused container needs it
    }
    try {
      Path log = spec.workDir().resolve(node).resolve("node.log");
      Files.createDirectories(log.getParent());
      Files.writeString(log, container.getLogs(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      // the log is a convenience; stopping the container is what matters
    }
    container.stop();
  }
}
