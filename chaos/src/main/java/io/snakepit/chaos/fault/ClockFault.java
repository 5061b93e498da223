package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.Preload;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sets one node's wall clock apart from the true time (the leader half of the time): a jump of
 * seconds to minutes, forward or back, then a clock that runs fast or slow ({@link ClockSkew}). Its
 * monotonic clock stays true, as when NTP steps a clock: what this tests is whatever trusts the
 * wall clock, such as session expiry. Healing sets the clock back to the true time.
 *
 * <p>libfaketime can run a clock fast or slow itself, but version 0.9.10 then also rescales timed
 * waits on the monotonic clock, against the faked one, and every such wait of a JVM hangs. So the
 * fault keeps the rate itself: it moves the offset a few times a second, and the node, which reads
 * it once a second, sees a clock that advances in steps of up to |rate - 1| seconds.
 */
final class ClockFault implements Fault {

  private static final Duration DRIFT_STEP = Duration.ofMillis(250);

  @Override
  public String name() {
    return "clock";
  }

  @Override
  public Set<Preload> preloads() {
    return Set.of(Preload.FAKETIME);
  }

  @Override
  public boolean supports(Cluster cluster) {
    return cluster.clocks().isPresent();
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    Targets.Target target = Targets.pick(cluster, random);
    ClockSkew skew = ClockSkew.draw(random);
    Cluster.Clocks clocks = cluster.clocks().orElseThrow();
    ScheduledExecutorService drift =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "clock-" + target.node());
              thread.setDaemon(true);
              return thread;
            });
    long start = System.nanoTime();
    drift.scheduleAtFixedRate(
        () ->
            clocks.setOffset(
                target.node(), skew.offsetAfter(Duration.ofNanos(System.nanoTime() - start))),
        0,
        DRIFT_STEP.toMillis(),
        TimeUnit.MILLISECONDS);
    return new Injection() {
      @Override
      public String description() {
        return target.label() + ": " + skew.describe();
      }

      @Override
      public void heal() {
        drift.shutdownNow();
        try {
          drift.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        clocks.setOffset(target.node(), Duration.ZERO);
      }
    };
  }
}
