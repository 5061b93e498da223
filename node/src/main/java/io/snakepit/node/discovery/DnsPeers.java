package io.snakepit.node.discovery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the SRV records of a headless service into Raft peers: one peer per target, named after the
 * target's first label ({@code snakepit-0.snakepit.default.svc.cluster.local} is peer {@code
 * snakepit-0}), which is the pod's hostname and so its node id.
 */
public final class DnsPeers {

  private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

  private DnsPeers() {}

  /**
   * The peers the records name, by id.
   *
   * @param records the SRV records, in any order
   * @param address where a target is reached: the target itself, or an address looked up for it;
   *     empty for a target that has none yet, which is left out
   * @return id to {@code host:port}, sorted by id so that every node logs the same list
   * @throws IllegalArgumentException when two targets share a first label, or a label is no peer id
   */
  public static Map<String, String> of(
      List<SrvRecord> records, Function<String, Optional<String>> address) {
    List<SrvRecord> sorted = new ArrayList<>(records);
    sorted.sort(Comparator.comparing(SrvRecord::firstLabel).thenComparing(SrvRecord::target));
    Map<String, String> peers = new LinkedHashMap<>();
    Map<String, String> targets = new LinkedHashMap<>();
    for (SrvRecord record : sorted) {
      String id = record.firstLabel();
      if (!PEER_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            "the SRV target " + record.target() + " does not start with a peer id: " + id);
      }
      String earlier = targets.put(id, record.target() + ":" + record.port());
      if (earlier != null) {
        throw new IllegalArgumentException(
            "the SRV targets "
                + earlier
                + " and "
                + record.target()
                + ":"
                + record.port()
                + " both give the peer id "
                + id
                + "; each peer needs a target of its own");
      }
      address.apply(record.target()).ifPresent(host -> peers.put(id, host + ":" + record.port()));
    }
    return Collections.unmodifiableMap(peers);
  }

  /** Reaches every target by its name: the peers' resolver must know it, and does in Kubernetes. */
  public static Function<String, Optional<String>> byName() {
    return Optional::of;
  }
}
