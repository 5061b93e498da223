package io.snakepit.bench.store;

/** One call of one benchmark client; it throws when the call failed. */
@FunctionalInterface
interface ClientCall {
  void call();
}
