package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.Preload;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

/** Each injection one of several faults, drawn at random among those the runtime supports. */
final class MixedFault implements Fault {

  private final List<Fault> faults;

  MixedFault(List<Fault> faults) {
    this.faults = List.copyOf(faults);
  }

  @Override
  public String name() {
    return "all";
  }

  /** Whichever it draws must find its libraries in place. */
  @Override
  public Set<Preload> preloads() {
    return faults.stream().flatMap(fault -> fault.preloads().stream()).collect(Collectors.toSet());
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    List<Fault> possible = faults.stream().filter(fault -> fault.supports(cluster)).toList();
    return possible.get(random.nextInt(possible.size())).inject(cluster, random);
  }
}
