package io.snakepit.chaos.workload;

import io.snakepit.chaos.history.Op;
import java.util.ArrayList;
import java.util.List;

/** Collects the events of concurrent clients in the order they happen, with their time. */
public final class HistoryRecorder {

  private final List<Op> events = new ArrayList<>();

  /** Records an invocation and returns it, so that its completion can be derived from it. */
  public synchronized Op invoked(Op invocation) {
    Op timed = invocation.at(System.nanoTime());
    events.add(timed);
    return timed;
  }

  public synchronized void completed(Op invocation, Outcome outcome) {
    events.add(invocation.completed(outcome.type(), outcome.observed()).at(System.nanoTime()));
  }

  public synchronized List<Op> events() {
    return List.copyOf(events);
  }
}
