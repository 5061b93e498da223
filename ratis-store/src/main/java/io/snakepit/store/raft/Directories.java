package io.snakepit.store.raft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The few file-tree operations that snapshots need. */
final class Directories {

  private Directories() {}

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** The regular files directly in {@code dir} that {@code include} accepts, by name. */
  static List<Path> files(Path dir, Predicate<Path> include) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isRegularFile).filter(include).sorted().toList();
    }
  }
}
