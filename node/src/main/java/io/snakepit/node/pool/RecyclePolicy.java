package io.snakepit.node.pool;

import io.snakepit.node.config.WorkerLifecycle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Decides when a healthy worker should still be replaced: after N calls, when old, when large. */
final class RecyclePolicy {

  /** Why a worker was recycled, as a metric label. */
  enum Reason {
    CALLS,
    LIFETIME,
    MEMORY;

    String label() {
      return name().toLowerCase();
    }
  }

  private final WorkerLifecycle lifecycle;
  private final Clock clock;

  RecyclePolicy(WorkerLifecycle lifecycle, Clock clock) {
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /** Checked when a worker finishes a call. */
  Optional<Reason> afterCall(int callsServed, Instant startedAt) {
    if (lifecycle.recycleAfterCalls().isPresent()
        && callsServed >= lifecycle.recycleAfterCalls().getAsInt()) {
      return Optional.of(Reason.CALLS);
    }
    return tooOld(startedAt);
  }

  /** Checked on an idle worker's heartbeat, with the memory it reported. */
  Optional<Reason> whenIdle(Instant startedAt, long residentBytes) {
    if (lifecycle.maxMemory().isPresent() && residentBytes > lifecycle.maxMemory().get().bytes()) {
      return Optional.of(Reason.MEMORY);
    }
    return tooOld(startedAt);
  }

  private Optional<Reason> tooOld(Instant startedAt) {
    return lifecycle
        .maxLifetime()
        .filter(max -> Duration.between(startedAt, clock.instant()).compareTo(max) >= 0)
        .map(max -> Reason.LIFETIME);
  }
}
