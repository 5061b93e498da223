package io.snakepit.node.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * This run's private directory (mode 0700) for worker sockets and the unpacked Python runtime, with
 * the run id that marks every worker and the secret every worker call carries.
 */
public final class RunDirectory implements AutoCloseable {

  private final Path path;
  private final String runId;
  private final String secret;

  private RunDirectory(Path path, String runId, String secret) {
    this.path = path;
    this.runId = runId;
    this.secret = secret;
  }

  /** Creates {@code <parent>/<nodeId>-<runId>}, readable by this user only. */
  public static RunDirectory create(Path parent, String nodeId, SecureRandom random) {
    String runId = randomHex(random, 4);
    try {
      Files.createDirectories(parent);
      Path path = parent.resolve(nodeId + "-" + runId);
      Files.createDirectory(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new RunDirectory(path, runId, randomHex(random, 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run directory under " + parent, e);
    }
  }

  public Path path() {
    return path;
  }

  public String runId() {
    return runId;
  }

  public String secret() {
    return secret;
  }

  public Path socket(String name) {
    return path.resolve(name + ".sock");
  }

  /** Deletes the directory and everything in it. */
  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(RunDirectory::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the run directory " + path, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A file a worker still holds open; the OS reclaims it when the worker exits.
    }
  }

  private static String randomHex(SecureRandom random, int bytes) {
    byte[] raw = new byte[bytes];
    random.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }
}
