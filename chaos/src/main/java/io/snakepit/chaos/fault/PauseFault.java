package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import java.util.Random;

/**
 * Freezes one node and later thaws it: a long GC pause or a stalled VM. A paused leader wakes up
 * believing it still leads, which is what makes this fault worth having.
 */
final class PauseFault implements Fault {

  @Override
  public String name() {
    return "pause";
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    Targets.Target target = Targets.pick(cluster, random);
    cluster.pause(target.node());
    return new Injection() {
      @Override
      public String description() {
        return "paused " + target.label();
      }

      @Override
      public void heal() {
        cluster.resume(target.node());
      }
    };
  }
}
