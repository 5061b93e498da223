package io.snakepit.store.rocks;

import java.util.Arrays;

/** The keys from {@code start} (inclusive) to {@code end} (exclusive), in byte order. */
public record KeyRange(byte[] start, byte[] end) {

  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, start) >= 0 && Arrays.compareUnsigned(key, end) < 0;
  }

  /** The keys of this range that sort after {@code key}. */
  public KeyRange after(byte[] key) {
    // Appending the smallest byte gives the first key after the key itself.
    return new KeyRange(Arrays.copyOf(key, key.length + 1), end);
  }
}
