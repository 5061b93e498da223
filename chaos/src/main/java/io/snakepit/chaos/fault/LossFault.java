package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import java.util.Locale;
import java.util.Random;

/**
 * Drops a share of the packets (20 to 60 %, drawn each time) on some links between nodes, both
 * ways: every link of one node (the leader half of the time), or links drawn at random. Unlike a
 * partition the links stay up, so Raft and gRPC meet retransmissions, timeouts and slow answers
 * rather than silence.
 */
final class LossFault implements Fault {

  private static final double MIN_SHARE = 0.2;
  private static final double MAX_SHARE = 0.6;

  @Override
  public String name() {
    return "loss";
  }

  @Override
  public boolean supports(Cluster cluster) {
    return cluster.network().isPresent() && cluster.nodes().size() >= 2;
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    double share =
        Math.round((MIN_SHARE + (MAX_SHARE - MIN_SHARE) * random.nextDouble()) * 100) / 100.0;
    LossyLinks links =
        random.nextBoolean()
            ? LossyLinks.around(Targets.pick(cluster, random), cluster.nodes())
            : LossyLinks.drawn(cluster.nodes(), random);
    Cluster.Network network = cluster.network().orElseThrow();
    network.lose(links.from(), share);
    return new Injection() {
      @Override
      public String description() {
        return String.format(Locale.ROOT, "loss %.0f%% %s", share * 100, links.description());
      }

      @Override
      public void heal() {
        network.heal();
      }
    };
  }
}
