package io.snakepit.chaos.model;

/**
 * One operation's effect on a model state. An implementation with value equality (a record) lets
 * the checker treat unknown operations with equal transitions as interchangeable, which prunes most
 * of the search that piles of timed-out writes would otherwise cause.
 */
@FunctionalInterface
public interface Transition<S> {
  /** The state after the operation takes effect in {@code state}, or null if it cannot. */
  S apply(S state);
}
