package io.snakepit.chaos.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The libraries a cluster's node processes preload, each node's control files, and the environment
 * that ties them together; a runtime starts its nodes with {@link #libraries} and {@link
 * #settings}, and offers {@link #clocks} and {@link #disks} as its own capabilities.
 */
final class Preloads {

  /** Where Debian's libfaketime package puts it (apt-get install libfaketime). */
  static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

  private final Set<Preload> preloads;
  private final Map<String, NodeControl> controls;
  private final Path slowSyncLibrary;

  private Preloads(Set<Preload> preloads, Map<String, NodeControl> controls, Path slowSyncLibrary) {
    this.preloads = preloads;
    this.controls = controls;
    this.slowSyncLibrary = slowSyncLibrary;
  }

  /**
   * Makes each node's control directory, {@code WORK_DIR/NODE/control}, and unpacks the slow-sync
   * library into {@code WORK_DIR/preload} when the spec asks for them.
   *
   * @throws IllegalStateException when libfaketime is asked for but not installed
   */
  static Preloads prepare(ClusterSpec spec) {
    Set<Preload> preloads =
        spec.preloads().isEmpty() ? EnumSet.noneOf(Preload.class) : EnumSet.copyOf(spec.preloads());
    if (preloads.contains(Preload.FAKETIME) && !Files.isReadable(LIBFAKETIME)) {
      throw new IllegalStateException(
          "the clock fault needs libfaketime, which is not at "
              + LIBFAKETIME
              + ": apt-get install libfaketime (scripts/install-deps.sh does)");
    }
    Map<String, NodeControl> controls = new LinkedHashMap<>();
    try {
      Path workDir = spec.workDir().toAbsolutePath();
      if (!preloads.isEmpty()) {
        for (String node : spec.nodeIds()) {
          controls.put(node, NodeControl.create(workDir.resolve(node).resolve("control")));
        }
      }
      Path library =
          preloads.contains(Preload.SLOW_SYNC)
              ? SlowSyncLibrary.unpackInto(workDir.resolve("preload"))
              : null;
      return new Preloads(preloads, controls, library);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the preloaded libraries' files", e);
    }
  }

  boolean any() {
    return !preloads.isEmpty();
  }

  /** The node's control directory on the host. */
  Path controlDir(String node) {
    return controls.get(node).dir();
  }

  /** The slow-sync library on the host. */
  Path slowSyncLibrary() {
    return slowSyncLibrary;
  }

  /** The environment of a node process that runs on this host. */
  Map<String, String> hostEnvironment(String node) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("LD_PRELOAD", libraries(slowSyncLibrary));
    environment.putAll(settings(controlDir(node)));
    return environment;
  }

  /** The value of {@code LD_PRELOAD}, for a process that finds the slow-sync library at a path. */
  String libraries(Path slowSyncLibrarySeenAt) {
    List<String> paths = new ArrayList<>();
    if (preloads.contains(Preload.FAKETIME)) {
      paths.add(LIBFAKETIME.toString());
    }
    if (preloads.contains(Preload.SLOW_SYNC)) {
      paths.add(slowSyncLibrarySeenAt.toString());
    }
    return String.join(":", paths);
  }

  /**
   * What the libraries read from the environment, for a process that finds its control dir at a
   * path.
   */
  Map<String, String> settings(Path controlDirSeenAt) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (preloads.contains(Preload.FAKETIME)) {
      settings.put(
          "FAKETIME_TIMESTAMP_FILE", controlDirSeenAt.resolve(NodeControl.CLOCK_FILE).toString());
      // Read the file again whenever the second has changed: an offset takes effect within one.
      settings.put("FAKETIME_CACHE_DURATION", "0");
      // The wall clock only: System.nanoTime and every timer stay true, as when NTP steps a clock.
      settings.put("FAKETIME_DONT_FAKE_MONOTONIC", "1");
      // Else libfaketime 0.9.10 decides from glibc's version to "fix" timed waits on monotonic
      // condition variables by comparing their deadlines with the faked clock: every timed wait of
      // the JVM (Thread.sleep, parkNanos) then returns at once and spins, a busy loop per thread.
      settings.put("FAKETIME_FORCE_MONOTONIC_FIX", "0");
      // File times as the disk has them: the fault is the clock the node reads.
      settings.put("NO_FAKE_STAT", "1");
    }
    if (preloads.contains(Preload.SLOW_SYNC)) {
      settings.put(
          SlowSyncLibrary.CONTROL_VARIABLE,
          controlDirSeenAt.resolve(NodeControl.SYNC_DELAY_FILE).toString());
    }
    return settings;
  }

  Optional<Cluster.Clocks> clocks() {
    return preloads.contains(Preload.FAKETIME)
        ? Optional.of((node, offset) -> controls.get(node).setClockOffset(offset))
        : Optional.empty();
  }

  Optional<Cluster.Disks> disks() {
    return preloads.contains(Preload.SLOW_SYNC)
        ? Optional.of((node, delay) -> controls.get(node).setSyncDelay(delay))
        : Optional.empty();
  }

  /**
   * libfaketime keeps a semaphore and a shared memory object named after each process in /dev/shm,
   * and removes them when the process exits, but not after a SIGKILL: the killer does.
   */
  void forgetKilled(long pid) {
    if (!preloads.contains(Preload.FAKETIME)) {
      return;
    }
    for (String name : List.of("faketime_shm_" + pid, "sem.faketime_sem_" + pid)) {
      try {
        Files.deleteIfExists(Path.of("/dev/shm", name));
      } catch (IOException e) {
        // a leftover costs a few bytes; a process that later gets the pid does without it
      }
    }
  }
}
