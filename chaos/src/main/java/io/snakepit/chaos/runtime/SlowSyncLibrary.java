package io.snakepit.chaos.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The slow-disk fault's preload library, {@code src/main/c/slow_sync.c}, which the build compiles
 * into this package: every fsync, fdatasync and sync_file_range of a process that preloads it first
 * waits the delay its control file holds. The harness unpacks it into a run's directory, from where
 * node processes (and containers, through a bind mount) load it.
 */
final class SlowSyncLibrary {

  static final String FILE_NAME = "libslowsync.so";

  /** The environment variable that names the control file. */
  static final String CONTROL_VARIABLE = "SNAKEPIT_SLOW_SYNC_FILE";

  private SlowSyncLibrary() {}

  /** Copies the library into {@code dir} and returns its path there. */
  static Path unpackInto(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path library = dir.resolve(FILE_NAME);
    try (InputStream compiled = SlowSyncLibrary.class.getResourceAsStream(FILE_NAME)) {
      if (compiled == null) {
        throw new IllegalStateException(
            FILE_NAME
                + " is missing beside "
                + SlowSyncLibrary.class.getName()
                + ": the module's build compiles it from src/main/c with gcc");
      }
      Files.copy(compiled, library, StandardCopyOption.REPLACE_EXISTING);
    }
    return library;
  }

  /** What the control file holds for {@code delay}: whole milliseconds, 0 for none. */
  static String controlText(Duration delay) {
    return Long.toString(delay.toMillis());
  }
}
