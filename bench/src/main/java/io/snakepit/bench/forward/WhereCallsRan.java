package io.snakepit.bench.forward;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many answered calls of one route each node reports having run: the proof that a forwarded
 * call made its hop to the owner, and that a local one stayed there.
 */
final class WhereCallsRan {

  private final Map<String, LongAdder> byNode = new ConcurrentHashMap<>();

  void ranOn(String nodeId) {
    byNode.computeIfAbsent(nodeId, id -> new LongAdder()).increment();
  }

  /** Calls by node id, in id order. */
  Map<String, Long> counts() {
    Map<String, Long> counts = new TreeMap<>();
    byNode.forEach((node, calls) -> counts.put(node, calls.sum()));
    return counts;
  }
}
