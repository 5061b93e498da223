package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.Leaders;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** Which node a single-node fault hits: the leader half of the time (it hurts most), else any. */
final class Targets {

  /** How a description names the node that led the group. */
  static final String THE_LEADER = " (the leader)";

  private Targets() {}

  /** The node and how the report names it. */
  record Target(String node, String label) {}

  /** The label says "(the leader)" whenever the node leads, drawn as the leader or by chance. */
  static Target pick(Cluster cluster, Random random) {
    boolean wantLeader = random.nextBoolean();
    List<String> nodes = cluster.nodes();
    String any = nodes.get(random.nextInt(nodes.size()));
    Optional<String> leader = Leaders.find(cluster);
    String node = wantLeader && leader.isPresent() ? leader.get() : any;
    return new Target(node, leader.filter(node::equals).isPresent() ? node + THE_LEADER : node);
  }
}
