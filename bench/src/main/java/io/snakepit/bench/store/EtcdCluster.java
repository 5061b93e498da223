package io.snakepit.bench.store;

import io.snakepit.bench.cluster.FreePorts;
import io.snakepit.bench.cluster.LocalCluster;
import io.snakepit.bench.cluster.LocalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Three etcd members on loopback (Debian's {@code etcd-server}, etcd 3.4), each its own process
 * with its own data directory, on ports of their own: a system etcd the package may have started is
 * left alone. Every setting that is not an address is etcd's default, fsync of its WAL included.
 */
final class EtcdCluster {

  static final String NAME = "etcd";

  private static final int MEMBERS = 3;

  private EtcdCluster() {}

  /** Starts the members with their data under {@code dir} and waits until each one answers. */
  static SystemUnderTest start(String etcd, Path dir) {
    List<Integer> ports = FreePorts.pick(2 * MEMBERS);
    List<Integer> clientPorts = ports.subList(0, MEMBERS);
    List<Integer> peerPorts = ports.subList(MEMBERS, ports.size());
    String initialCluster =
        IntStream.range(0, MEMBERS)
            .mapToObj(i -> name(i) + "=" + url(peerPorts.get(i)))
            .collect(Collectors.joining(","));
    LocalCluster members =
        LocalCluster.start(
            clientPorts,
            i ->
                LocalProcess.start(
                    "etcd member " + name(i),
                    command(etcd, dir, i, clientPorts.get(i), peerPorts.get(i), initialCluster),
                    Map.of(),
                    dir.resolve(name(i) + ".log")));
    return SystemUnderTest.connect(
        NAME, members, targets -> new EtcdRecords(targets, SystemUnderTest.CALL_TIMEOUT));
  }

  private static List<String> command(
      String etcd, Path dir, int member, int clientPort, int peerPort, String initialCluster) {
    return List.of(
        etcd,
        "--name=" + name(member),
        "--data-dir=" + dir.resolve(name(member)),
        "--listen-client-urls=" + url(clientPort),
        "--advertise-client-urls=" + url(clientPort),
        "--listen-peer-urls=" + url(peerPort),
        "--initial-advertise-peer-urls=" + url(peerPort),
        "--initial-cluster=" + initialCluster,
        "--initial-cluster-token=snakepit-bench",
        "--initial-cluster-state=new",
        "--logger=zap",
        "--log-outputs=stderr");
  }

  /** How the cluster of this {@code etcd} runs and is called, for the report. */
  static String describe(String etcd) {
    return version(etcd)
        + ": 3 members on loopback, defaults otherwise (fsync on); etcd's gRPC KV API with"
        + " grpc-java stubs, one channel per member";
  }

  /** {@code etcd 3.4.23}: the version {@code etcd --version} gives on its first line. */
  private static String version(String etcd) {
    try {
      Process process = new ProcessBuilder(etcd, "--version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return output
          .lines()
          .findFirst()
          .map(line -> line.replace("Version:", "").replaceAll("\\s+", " ").strip())
          .orElse("etcd");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run " + etcd + ": install Debian's etcd-server (scripts/install-deps.sh does)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking etcd for its version", e);
    }
  }

  private static String name(int member) {
    return "etcd-" + member;
  }

  private static String url(int port) {
    return "http://127.0.0.1:" + port;
  }
}
