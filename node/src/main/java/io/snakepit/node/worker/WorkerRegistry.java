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
 * The node's Python processes on disk (workers and fork servers), one file per live process: its
 * pid, its start time and the node's run id. A process that could not see its node die (frozen, or
 * stuck in native code) outlives it, and so do the processes a worker's tools started when the
 * worker died with its node, by a signal it could not handle; the node's next run reads the files
 * and kills what is left. The start time is compared first, so a pid that the system has since
 * given to another process is never killed; what is left in the group of a process that is gone is
 * killed only if it carries the run id in its environment.
 */
public final class WorkerRegistry {

  private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

  private final Path dir;
  private final String runId;

  private WorkerRegistry(Path dir, String runId) {
    this.dir = dir;
    this.runId = runId;
  }

  /** The registry in {@code dir}, where this run ({@code runId}) records its processes. */
  public static WorkerRegistry in(Path dir, String runId) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the worker registry " + dir, e);
    }
    return new WorkerRegistry(dir, runId);
  }

  /** Kills what previous runs left running; returns how many processes it killed. */
  public int sweep() {
    int killed = 0;
    for (Path entry : entries()) {
      killed += killWhatIsLeft(entry);
      deleteQuietly(entry);
    }
    return killed;
  }

  void remember(ProcessHandle process) {
    Optional<Instant> started = process.info().startInstant();
    if (started.isEmpty()) {
      return; // already gone
    }
    try {
      Files.writeString(
          dir.resolve(Long.toString(process.pid())),
          started.get() + " " + runId,
          StandardCharsets.US_ASCII);
    } catch (IOException e) {
      log.warn(
          "cannot record worker {} in {}: a crash of the node may leave it", process.pid(), dir);
    }
  }

  void forget(long pid) {
    deleteQuietly(dir.resolve(Long.toString(pid)));
  }

  private int killWhatIsLeft(Path entry) {
    try {
      long pid = Long.parseLong(entry.getFileName().toString());
      String[] record = Files.readString(entry, StandardCharsets.US_ASCII).strip().split(" ");
      Instant recorded = Instant.parse(record[0]);
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      boolean same =
          ProcessGroups.isRunning(pid)
              && process.flatMap(p -> p.info().startInstant()).map(recorded::equals).orElse(false);
      if (same) {
        log.warn("killing worker pid {} left running by a previous run of this node", pid);
        ProcessGroups.killMembers(pid, Instant.now());
        process.get().destroyForcibly();
        return 1;
      }
      return record.length > 1 ? killLeftInGroup(pid, record[1]) : 0;
    } catch (IOException | RuntimeException e) {
      log.warn("ignoring unreadable worker record {}: {}", entry, e.toString());
      return 0;
    }
  }

  /** Kills what the tools of worker {@code pid}, now gone, started in run {@code run}. */
  private static int killLeftInGroup(long pid, String run) {
    List<ProcessHandle> killed = ProcessGroups.killMembersOfRun(pid, run);
    killed.forEach(
        process ->
            log.warn(
                "killing pid {} left running by a previous run of this node: a tool of worker"
                    + " pid {} started it",
                process.pid(),
                pid));
    return killed.size();
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
