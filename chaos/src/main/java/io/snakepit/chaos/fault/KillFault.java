package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import java.util.Random;

/** SIGKILL of one node; healing starts it again on its data, as a supervisor would. */
final class KillFault implements Fault {

  @Override
  public String name() {
    return "kill";
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    Targets.Target target = Targets.pick(cluster, random);
    cluster.kill(target.node());
    return new Injection() {
      @Override
      public String description() {
        return "killed " + target.label();
      }

      @Override
      public void heal() {
        cluster.restart(target.node());
      }
    };
  }
}
