package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.Leaders;
import java.util.List;
import java.util.Random;

/** Cuts links between nodes in one of several topologies, drawn anew for each injection. */
final class PartitionFault implements Fault {

  private final String name;
  private final List<Topology> topologies;

  PartitionFault(String name, List<Topology> topologies) {
    this.name = name;
    this.topologies = List.copyOf(topologies);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean supports(Cluster cluster) {
    return cluster.network().isPresent() && cluster.nodes().size() >= 3;
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    Topology topology = topologies.get(random.nextInt(topologies.size()));
    Split split = topology.split(cluster.nodes(), Leaders.find(cluster), random);
    Cluster.Network network = cluster.network().orElseThrow();
    network.cut(split.reachable());
    return new Injection() {
      @Override
      public String description() {
        return topology.faultName() + ": " + split.description();
      }

      @Override
      public void heal() {
        network.heal();
      }
    };
  }
}
