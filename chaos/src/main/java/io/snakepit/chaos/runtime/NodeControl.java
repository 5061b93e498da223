package io.snakepit.chaos.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;

/**
 * The control files of one node, in a directory of the host that the node's process reads (itself,
 * or through a bind mount): its wall clock's offset, read by libfaketime, and its sync delay, read
 * by the slow-sync library. Both start neutral. A file is replaced whole (written beside, then
 * renamed), so that a reader never sees half of one.
 */
final class NodeControl {

  static final String CLOCK_FILE = "clock";
  static final String SYNC_DELAY_FILE = "sync-delay";

  private final Path dir;

  private NodeControl(Path dir) {
    this.dir = dir;
  }

  static NodeControl create(Path dir) throws IOException {
    Files.createDirectories(dir);
    NodeControl control = new NodeControl(dir);
    control.setClockOffset(Duration.ZERO);
    control.setSyncDelay(Duration.ZERO);
    return control;
  }

  Path dir() {
    return dir;
  }

  void setClockOffset(Duration offset) {
    replace(CLOCK_FILE, clockText(offset));
  }

  void setSyncDelay(Duration delay) {
    replace(SYNC_DELAY_FILE, SlowSyncLibrary.controlText(delay));
  }

  /**
   * libfaketime's relative offset in seconds, "+97.250" or "-12.500": the faked wall clock is the
   * true one plus this, whenever the process started.
   */
  static String clockText(Duration offset) {
    return String.format(Locale.ROOT, "%+.3f", offset.toMillis() / 1000.0);
  }

  private void replace(String file, String text) {
    Path next = dir.resolve(file + ".next");
    try {
      Files.writeString(next, text + "\n", StandardCharsets.UTF_8);
      Files.move(next, dir.resolve(file), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " in " + dir, e);
    }
  }
}
