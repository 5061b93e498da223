package io.snakepit.router;

import java.util.Map;

/**
 * One pool of a node: its name, the labels it declares (such as {@code gpu=true}, {@code
 * memory=16GiB}, {@code adapter=...}), and how busy it is.
 *
 * @param busy calls running or queued
 * @param capacity calls it runs at once
 */
public record PoolOffer(String name, Map<String, String> labels, int busy, int capacity) {

  public PoolOffer {
    labels = Map.copyOf(labels);
    if (busy < 0 || capacity < 0) {
      throw new IllegalArgumentException("busy and capacity must not be negative: " + this);
    }
  }
}
