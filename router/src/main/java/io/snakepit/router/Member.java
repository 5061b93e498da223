package io.snakepit.router;

import java.util.List;

/**
 * A node as the router sees it.
 *
 * @param live whether its peers' health checks find it serving
 * @param pools what it offers calls
 */
public record Member(String id, boolean live, List<PoolOffer> pools) {

  public Member {
    pools = List.copyOf(pools);
  }

  /** Whether one of its pools satisfies the requirement. */
  public boolean offers(Requirement requirement) {
    return pools.stream().anyMatch(requirement::satisfiedBy);
  }

  /**
   * Busy share of the pools that satisfy the requirement, from 0 (idle) up; above 1 when calls
   * queue.
   */
  double load(Requirement requirement) {
    int busy = 0;
    int capacity = 0;
    for (PoolOffer pool : pools) {
      if (requirement.satisfiedBy(pool)) {
        busy += pool.busy();
        capacity += pool.capacity();
      }
    }
    return capacity == 0 ? Double.POSITIVE_INFINITY : (double) busy / capacity;
  }
}
