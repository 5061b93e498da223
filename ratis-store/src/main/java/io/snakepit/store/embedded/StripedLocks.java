package io.snakepit.store.embedded;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * Mutual exclusion per session without a lock object per session: sessions share a fixed number of
 * locks by hash. Writers of different sessions mostly proceed in parallel, which lets RocksDB group
 * their synced writes into one fsync.
 */
final class StripedLocks {

  /** Released by {@link #close}, so that try-with-resources frees it. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  private final ReentrantLock[] stripes;

  StripedLocks(int stripeCount) {
    stripes =
        IntStream.range(0, stripeCount)
            .mapToObj(i -> new ReentrantLock())
            .toArray(ReentrantLock[]::new);
  }

  Held lock(String key) {
    return lockStripes(List.of(stripeOf(key)));
  }

  /** Locks the stripes of every key, in stripe order so that two callers cannot deadlock. */
  Held lockAll(Collection<String> keys) {
    return lockStripes(keys.stream().map(this::stripeOf).distinct().sorted().toList());
  }

  private Held lockStripes(List<Integer> indexes) {
    indexes.forEach(index -> stripes[index].lock());
    return () -> indexes.forEach(index -> stripes[index].unlock());
  }

  private int stripeOf(String key) {
    return Math.floorMod(key.hashCode(), stripes.length);
  }
}
