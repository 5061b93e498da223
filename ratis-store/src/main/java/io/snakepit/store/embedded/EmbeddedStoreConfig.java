package io.snakepit.store.embedded;

import io.snakepit.store.StoreLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open an {@link EmbeddedSessionStore}.
 *
 * @param dataDir the RocksDB directory, created when missing; one store per directory
 * @param clock the store's only source of time (creation, access and expiry)
 * @param touchFlushInterval how often coalesced access times are written; a crash loses at most
 *     this much of them
 * @param limits record sizes the store accepts
 */
public record EmbeddedStoreConfig(
    Path dataDir, Clock clock, Duration touchFlushInterval, StoreLimits limits) {

  public static final Duration DEFAULT_TOUCH_FLUSH_INTERVAL = Duration.ofSeconds(1);

  public EmbeddedStoreConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(limits, "limits");
    if (touchFlushInterval.isNegative() || touchFlushInterval.isZero()) {
      throw new IllegalArgumentException(
          "touchFlushInterval must be positive: " + touchFlushInterval);
    }
  }

  /** The UTC system clock, a touch flush every second and the default limits. */
  public static EmbeddedStoreConfig defaults(Path dataDir) {
    return new EmbeddedStoreConfig(
        dataDir, Clock.systemUTC(), DEFAULT_TOUCH_FLUSH_INTERVAL, StoreLimits.DEFAULT);
  }

  public EmbeddedStoreConfig withClock(Clock newClock) {
    return new EmbeddedStoreConfig(dataDir, newClock, touchFlushInterval, limits);
  }

  public EmbeddedStoreConfig withTouchFlushInterval(Duration newInterval) {
    return new EmbeddedStoreConfig(dataDir, clock, newInterval, limits);
  }

  public EmbeddedStoreConfig withLimits(StoreLimits newLimits) {
    return new EmbeddedStoreConfig(dataDir, clock, touchFlushInterval, newLimits);
  }
}
