package io.snakepit.chaos.workload;

import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Keys that clients contend on for a while and then leave behind, as Jepsen's independent workloads
 * do: a client's step {@code s} draws among {@code width} keys starting at {@code s / stepsPerKey}.
 * Each key then sees a few hundred operations, which keeps the linearizability search per key small
 * however long the run.
 */
final class SlidingKeys {

  private final String prefix;
  private final int width;
  private final int stepsPerKey;
  private final Set<String> used = new ConcurrentSkipListSet<>();

  SlidingKeys(String prefix, int width, int stepsPerKey) {
    this.prefix = prefix;
    this.width = width;
    this.stepsPerKey = stepsPerKey;
  }

  String next(long step, Random random) {
    String key = prefix + (step / stepsPerKey + random.nextInt(width));
    used.add(key);
    return key;
  }

  /** Every key handed out so far. */
  Set<String> used() {
    return new TreeSet<>(used);
  }
}
