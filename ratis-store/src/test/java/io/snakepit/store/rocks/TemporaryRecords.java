package io.snakepit.store.rocks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Session records in a RocksDB of their own, opened in a fresh directory before each test and
 * closed and deleted after it: register with {@code @RegisterExtension}.
 */
public final class TemporaryRecords implements BeforeEachCallback, AfterEachCallback {

  private Path dir;
  private RocksStorage storage;
  private SessionRecords records;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("snakepit-records");
    storage = RocksStorage.open(dir, RocksStorage.WriteDurability.WAL_ONLY);
    records = new SessionRecords(storage);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    storage.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  public SessionRecords records() {
    return records;
  }
}
