package io.snakepit.store.rocks;

import io.snakepit.store.StoreException;
import io.snakepit.store.v1.FormatVersion;
import java.nio.charset.StandardCharsets;

/**
 * The format version of a store's data, written on first open and checked on every open, so that a
 * build never misreads data written by a newer one.
 */
public final class StoreFormat {

  static final FormatVersion CURRENT = FormatVersion.FORMAT_VERSION_1;

  private StoreFormat() {}

  public static void checkOrInitialize(RocksStorage storage) {
    byte[] stored = storage.get(KeyLayout.FORMAT_VERSION);
    if (stored == null) {
      initialize(storage);
      return;
    }
    int version = decode(stored, storage);
    if (version > CURRENT.getNumber()) {
      throw new StoreException.Internal(
          "the session store in "
              + storage.dir()
              + " has format version "
              + version
              + " but this build reads up to version "
              + CURRENT.getNumber()
              + ": run a newer Snakepit or use another data directory",
          null);
    }
  }

  private static void initialize(RocksStorage storage) {
    if (!storage.isEmpty()) {
      throw new StoreException.Internal(
          storage.dir() + " holds data without a format version: it is no Snakepit session store",
          null);
    }
    byte[] encoded = Integer.toString(CURRENT.getNumber()).getBytes(StandardCharsets.US_ASCII);
    storage.write(new WriteSet().put(KeyLayout.FORMAT_VERSION, encoded));
  }

  private static int decode(byte[] stored, RocksStorage storage) {
    String text = new String(stored, StandardCharsets.US_ASCII);
    if (!text.matches("[1-9][0-9]{0,8}")) {
      throw new StoreException.Internal(
          "the session store in "
              + storage.dir()
              + " has an unreadable format version '"
              + text
              + "'",
          null);
    }
    return Integer.parseInt(text);
  }
}
