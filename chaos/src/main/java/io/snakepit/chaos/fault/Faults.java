package io.snakepit.chaos.fault;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The faults the harness knows, by name. */
public final class Faults {

  /** No fault: the baseline a run under faults is compared with. */
  public static final String NONE = "none";

  private static final Map<String, Fault> BY_NAME = new LinkedHashMap<>();

  static {
    // "all" draws kill, pause, partition, membership, clock, loss and slow-disk evenly (among those
    // the runtime supports); each partition draws its topology.
    List<Fault> kinds =
        List.of(
            new KillFault(),
            new PauseFault(),
            new PartitionFault("partition", Arrays.asList(Topology.values())),
            new MembershipFault(),
            new ClockFault(),
            new LossFault(),
            new SlowDiskFault());
    kinds.forEach(Faults::register);
    for (Topology topology : Topology.values()) {
      register(new PartitionFault(topology.faultName(), List.of(topology)));
    }
    register(new MixedFault(kinds));
  }

  private Faults() {}

  private static void register(Fault fault) {
    BY_NAME.put(fault.name(), fault);
  }

  /** Every name {@link #named} takes, {@value #NONE} aside. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  public static Fault named(String name) {
    Fault fault = BY_NAME.get(name);
    if (fault == null) {
      throw new IllegalArgumentException(
          "unknown fault '" + name + "'; known: " + NONE + ", " + String.join(", ", names()));
    }
    return fault;
  }
}
