package io.snakepit.node.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's workers on disk, one file per live worker: its pid and its start time. A worker that
 * could not see its node die (frozen, or stuck in native code) outlives it; the node's next run
 * reads the files and kills what is left. The start time is compared first, so a pid that the
 * system has since given to another process is never killed.
 */
public final class WorkerRegistry {

  private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

  private final Path dir;

  private WorkerRegistry(Path dir) {
    this.dir = dir;
  }

  public static WorkerRegistry in(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the worker registry " + dir, e);
    }
    return new WorkerRegistry(dir);
  }

  /** Kills every worker a previous run left running, with what its tools started. */
  public int sweep() {
    int killed = 0;
    for (Path entry : entries()) {
      if (killIfStillThere(entry)) {
        killed++;
      }
      deleteQuietly(entry);
    }
    return killed;
  }

  void remember(ProcessHandle worker) {
    Optional<Instant> started = worker.info().startInstant();
    if (started.isEmpty()) {
      return; // already gone
    }
    try {
      Files.writeString(
          dir.resolve(Long.toString(worker.pid())),
          started.get().toString(),
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      log.warn(
          "cannot record worker {} in {}: a crash of the node may leave it", worker.pid(), dir);
    }
  }

  void forget(long pid) {
    deleteQuietly(dir.resolve(Long.toString(pid)));
  }

  private boolean killIfStillThere(Path entry) {
    try {
      long pid = Long.parseLong(entry.getFileName().toString());
      Instant recorded = Instant.parse(Files.readString(entry, StandardCharsets.US_ASCII).strip());
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      boolean same =
          process.flatMap(p -> p.info().startInstant()).map(recorded::equals).orElse(false);
      if (same) {
        log.warn("killing worker pid {} left running by a previous run of this node", pid);
        ProcessGroups.killMembers(pid, Instant.now());
        process.get().destroyForcibly();
      }
      return same;
    } catch (IOException | RuntimeException e) {
      log.warn("ignoring unreadable worker record {}: {}", entry, e.toString());
      return false;
    }
  }

  private List<Path> entries() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the worker registry " + dir, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("cannot delete worker record {}", file);
    }
  }
}
