package io.snakepit.node.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node processes {@code snakepit cluster up} started, as written to its directory's {@code
 * cluster.nodes} file, so that {@code cluster down} can stop exactly them: a process is known by
 * its pid and its start time, and a pid reused by another process since is left alone.
 */
final class LocalCluster {

  static final String FILE = "cluster.nodes";

  /** One node: its id, process, and where its API serves. */
  record Node(String id, long pid, Instant started, String address) {

    String line() {
      return id + " " + pid + " " + started + " " + address;
    }

    static Node parse(String line) {
      String[] fields = line.strip().split(" ");
      if (fields.length != 4) {
        throw new IllegalArgumentException("not a node line: '" + line + "'");
      }
      return new Node(fields[0], Long.parseLong(fields[1]), Instant.parse(fields[2]), fields[3]);
    }

    /** The process, if it still runs and is the one that was started. */
    Optional<ProcessHandle> process() {
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(handle -> handle.info().startInstant().map(started::equals).orElse(false))
          .filter(handle -> !exitedUnreaped(pid));
    }
  }

  private LocalCluster() {}

  /**
   * A process that exited but that no one has waited for yet (a zombie) is gone for our purposes:
   * the nodes outlive the command that started them, and an init that does not reap would keep them
   * as zombies.
   */
  private static boolean exitedUnreaped(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The state follows the command name, which is in parentheses and may hold spaces.
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return true;
    }
  }

  static void write(Path dir, List<Node> nodes) {
    List<String> lines = nodes.stream().map(Node::line).toList();
    try {
      Files.write(dir.resolve(FILE), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The nodes started in {@code dir}; empty when none were. */
  static List<Node> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    List<Node> nodes = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        nodes.add(Node.parse(line));
      }
    }
    return nodes;
  }

  static void forget(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(FILE));
  }
}
