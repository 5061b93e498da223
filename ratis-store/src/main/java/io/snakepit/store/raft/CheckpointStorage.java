package io.snakepit.store.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots as directories of RocksDB checkpoints named {@code <term>_<index>} in the state machine
 * directory of the Raft storage. Ratis ships their files to lagging followers and, when it installs
 * one, replaces the whole directory.
 */
final class CheckpointStorage implements StateMachineStorage {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStorage.class);
  private static final Pattern SNAPSHOT_NAME = Pattern.compile("(\\d+)_(\\d+)");
  private static final String TMP_PREFIX = "tmp-";

  /**
   * At least two: the newest may be replaced while the one before is still being sent to a
   * follower, and deleting a snapshot that is being sent fails the installation.
   */
  static final int MIN_RETAINED = 2;

  private volatile Path dir;

  /** The newest snapshot as last read from the directory, and the directory as it was then. */
  private final AtomicReference<Listing> listing = new AtomicReference<>();

  /** A snapshot on disk, with the files Ratis sends to a follower. */
  record Snapshot(TermIndex termIndex, Path dir, SnapshotInfo info) {}

  /**
   * The directory's identity and modification time when it was listed. Ratis replaces the whole
   * directory when it installs a snapshot from the leader, which gives it another identity.
   */
  private record Listing(Object directoryKey, FileTime modified, Optional<Snapshot> newest) {}

  /** Ratis keeps an MD5 file beside each file of an installed snapshot; RocksDB needs none. */
  static boolean isDatabaseFile(Path file) {
    return !file.getFileName().toString().endsWith(".md5");
  }

  @Override
  public void init(RaftStorage raftStorage) throws IOException {
    dir = raftStorage.getStorageDir().getStateMachineDir().toPath();
    Files.createDirectories(dir);
  }

  /**
   * The newest snapshot on disk. Ratis asks for it with every append a follower receives, so the
   * listing is remembered until the directory changes: this class forgets it when it creates or
   * deletes a snapshot, and a snapshot installed from the leader comes as a new directory.
   */
  Optional<Snapshot> latest() throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(dir, BasicFileAttributes.class);
    Listing remembered = listing.get();
    if (remembered != null
        && Objects.equals(remembered.directoryKey(), attributes.fileKey())
        && remembered.modified().equals(attributes.lastModifiedTime())) {
      return remembered.newest();
    }
    Optional<Snapshot> found = all().stream().findFirst();
    listing.set(new Listing(attributes.fileKey(), attributes.lastModifiedTime(), found));
    return found;
  }

  /**
   * Writes a snapshot through {@code writer} into a temporary directory, then renames it, so that a
   * crash never leaves a partial snapshot under a snapshot's name.
   */
  Snapshot create(TermIndex termIndex, Consumer<Path> writer) throws IOException {
    String name = termIndex.getTerm() + "_" + termIndex.getIndex();
    Path target = dir.resolve(name);
    if (Files.isDirectory(target)) {
      return snapshot(termIndex, target);
    }
    Path tmp = dir.resolve(TMP_PREFIX + name);
    Directories.deleteRecursively(tmp);
    writer.accept(tmp);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    listing.set(null);
    return snapshot(termIndex, target);
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    try {
      return latest().map(Snapshot::info).orElse(null);
    } catch (IOException e) {
      // Ratis may be swapping the directory right now; it asks again.
      LOG.warn("Cannot read the snapshots in {}", dir, e);
      return null;
    }
  }

  @Override
  public void format() {
    // Nothing to prepare: init creates the directory.
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    int retained = Math.max(MIN_RETAINED, policy.getNumSnapshotsRetained());
    List<Snapshot> snapshots = all();
    for (Snapshot old : snapshots.subList(Math.min(retained, snapshots.size()), snapshots.size())) {
      LOG.info("Deleting old snapshot {}", old.dir());
      Directories.deleteRecursively(old.dir());
      listing.set(null);
    }
  }

  /** Every snapshot, newest first. */
  private List<Snapshot> all() throws IOException {
    List<Snapshot> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.filter(Files::isDirectory).toList()) {
        Matcher name = SNAPSHOT_NAME.matcher(entry.getFileName().toString());
        if (name.matches()) {
          TermIndex termIndex =
              TermIndex.valueOf(Long.parseLong(name.group(1)), Long.parseLong(name.group(2)));
          found.add(snapshot(termIndex, entry));
        }
      }
    }
    found.sort(Comparator.comparing(Snapshot::termIndex).reversed());
    return found;
  }

  /** Its files as Ratis sends them: absolute paths, digests computed while sending. */
  private static Snapshot snapshot(TermIndex termIndex, Path snapshotDir) throws IOException {
    List<FileInfo> files =
        Directories.files(snapshotDir, CheckpointStorage::isDatabaseFile).stream()
            .map(file -> new FileInfo(file.toAbsolutePath(), null))
            .toList();
    return new Snapshot(termIndex, snapshotDir, new FileListSnapshotInfo(files, termIndex));
  }
}
