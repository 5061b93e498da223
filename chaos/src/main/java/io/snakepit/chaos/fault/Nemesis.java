package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.FaultNotApplied;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Applies one fault again and again while the workload runs: a quiet spell, the fault, its healing.
 * The lengths and every choice the fault makes come from the seeded random source, so a run's
 * faults are reproducible from its seed (their timing against the clients' operations is not).
 */
public final class Nemesis implements Runnable {

  /** How long the cluster runs undisturbed between faults, and how long a fault lasts. */
  public record Rhythm(Duration minQuiet, Duration maxQuiet, Duration minFault, Duration maxFault) {

    /** Two to four seconds quiet, four to eight seconds of fault. */
    public static Rhythm standard() {
      return new Rhythm(
          Duration.ofSeconds(2),
          Duration.ofSeconds(4),
          Duration.ofSeconds(4),
          Duration.ofSeconds(8));
    }
  }

  private final Fault fault;
  private final Cluster cluster;
  private final Random random;
  private final Rhythm rhythm;
  private final Consumer<String> progress;
  private final List<FaultWindow> windows = new ArrayList<>();
  private final List<String> notApplied = new ArrayList<>();
  private volatile boolean stopping;

  public Nemesis(
      Fault fault, Cluster cluster, long seed, Rhythm rhythm, Consumer<String> progress) {
    this.fault = fault;
    this.cluster = cluster;
    this.random = new Random(seed);
    this.rhythm = rhythm;
    this.progress = progress;
  }

  /** Runs until {@link #stop}; a fault in force when it stops is healed before this returns. */
  @Override
  public void run() {
    while (!stopping) {
      if (!pause(between(rhythm.minQuiet(), rhythm.maxQuiet()))) {
        return;
      }
      Fault.Injection injection;
      try {
        injection = fault.inject(cluster, random);
      } catch (FaultNotApplied e) {
        progress.accept("fault not applied: " + e.getMessage());
        synchronized (windows) {
          notApplied.add(e.getMessage());
        }
        continue;
      }
      long start = System.nanoTime();
      progress.accept("fault: " + injection.description());
      pause(between(rhythm.minFault(), rhythm.maxFault()));
      injection.heal();
      long end = System.nanoTime();
      progress.accept("healed: " + injection.description());
      synchronized (windows) {
        windows.add(new FaultWindow(fault.name(), injection.description(), start, end));
      }
    }
  }

  /** Asks the nemesis to heal what it broke and end; join its thread to wait for the healing. */
  public void stop() {
    stopping = true;
    synchronized (this) {
      notifyAll();
    }
  }

  /** What it applied so far, and what it could not. */
  public FaultLog log() {
    synchronized (windows) {
      return new FaultLog(windows, notApplied);
    }
  }

  private Duration between(Duration min, Duration max) {
    long span = max.toMillis() - min.toMillis();
    return min.plusMillis(span <= 0 ? 0 : random.nextLong(span + 1));
  }

  /** Waits, cut short by {@link #stop}; false when stopping. */
  private synchronized boolean pause(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    try {
      for (long left = duration.toNanos();
          !stopping && left > 0;
          left = deadline - System.nanoTime()) {
        wait(Math.max(1, left / 1_000_000));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return !stopping;
  }
}
