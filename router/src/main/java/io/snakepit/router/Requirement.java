package io.snakepit.router;

import java.util.Map;
import java.util.Optional;

/**
 * What a call needs of the pool that runs it: a pool by name, labels, both or neither.
 *
 * @param pool a pool name, or empty for any pool
 * @param labels labels the pool must declare with exactly these values
 */
public record Requirement(Optional<String> pool, Map<String, String> labels) {

  public static final Requirement ANY = new Requirement(Optional.empty(), Map.of());

  public Requirement {
    labels = Map.copyOf(labels);
  }

  public boolean satisfiedBy(PoolOffer offer) {
    return pool.map(offer.name()::equals).orElse(true)
        && labels.entrySet().stream()
            .allMatch(label -> label.getValue().equals(offer.labels().get(label.getKey())));
  }
}
