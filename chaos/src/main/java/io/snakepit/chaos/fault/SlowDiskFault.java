package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.Preload;
import java.time.Duration;
import java.util.Random;
import java.util.Set;

/**
 * Makes one node's disk slow (the leader half of the time): every fsync, fdatasync and
 * sync_file_range of its processes waits 20 to 200 ms first, drawn each time. The Raft log and
 * RocksDB wait for these, so the node acknowledges and applies late; its peers and clients meet the
 * consequences, from slow commits to a leader that falls behind.
 */
final class SlowDiskFault implements Fault {

  private static final long MIN_DELAY_MILLIS = 20;
  private static final long MAX_DELAY_MILLIS = 200;

  @Override
  public String name() {
    return "slow-disk";
  }

  @Override
  public Set<Preload> preloads() {
    return Set.of(Preload.SLOW_SYNC);
  }

  @Override
  public boolean supports(Cluster cluster) {
    return cluster.disks().isPresent();
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    Targets.Target target = Targets.pick(cluster, random);
    Duration delay =
        Duration.ofMillis(
            MIN_DELAY_MILLIS + random.nextLong(MAX_DELAY_MILLIS - MIN_DELAY_MILLIS + 1));
    Cluster.Disks disks = cluster.disks().orElseThrow();
    disks.setSyncDelay(target.node(), delay);
    return new Injection() {
      @Override
      public String description() {
        return target.label() + ": every sync " + delay.toMillis() + " ms slower";
      }

      @Override
      public void heal() {
        disks.setSyncDelay(target.node(), Duration.ZERO);
      }
    };
  }
}
