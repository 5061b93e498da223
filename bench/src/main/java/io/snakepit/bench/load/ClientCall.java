package io.snakepit.bench.load;

/** One call of one benchmark client; it throws when the call failed. */
@FunctionalInterface
public interface ClientCall {
  void call();
}
