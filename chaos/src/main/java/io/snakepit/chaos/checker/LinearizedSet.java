package io.snakepit.chaos.checker;

import java.util.SplittableRandom;

/**
 * The set of operations linearized so far, as a bitset with an incrementally kept Zobrist hash: the
 * search snapshots it at every step, and hashing the whole bitset each time would cost as much as
 * the step itself.
 */
final class LinearizedSet {
  private final long[] words;
  private final long[] zobrist;
  private long hash;

  LinearizedSet(int size) {
    this.words = new long[(size + 63) >>> 6];
    this.zobrist = new SplittableRandom(size).longs(size).toArray();
  }

  void add(int index) {
    words[index >>> 6] |= 1L << index;
    hash ^= zobrist[index];
  }

  void remove(int index) {
    words[index >>> 6] &= ~(1L << index);
    hash ^= zobrist[index];
  }

  Configuration with(Object state) {
    return new Configuration(words.clone(), hash, state);
  }
}
