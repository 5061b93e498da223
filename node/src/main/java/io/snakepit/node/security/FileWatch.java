package io.snakepit.node.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * Tells whether files changed since last asked, by their content: a file replaced with the same
 * bytes (a renewal that was not) is no change, and modification times that a copy keeps do not hide
 * one. An unreadable file (being replaced, say) counts as a change, so the reader tries again and
 * says why it cannot.
 */
final class FileWatch {

  private final List<Path> files;
  private byte[] seen;

  /** Watches {@code files} from their current content on. */
  FileWatch(List<Path> files) {
    this.files = List.copyOf(files);
    this.seen = digest();
  }

  /** Whether the files differ from when this was last asked (or made). */
  synchronized boolean changed() {
    byte[] now = digest();
    if (Arrays.equals(now, seen)) {
      return false;
    }
    seen = now;
    return true;
  }

  private byte[] digest() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Path file : files) {
        digest.update(Files.readAllBytes(file));
      }
      return digest.digest();
    } catch (IOException e) {
      return new byte[0];
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
