package io.snakepit.bench.forward;

import io.snakepit.bench.cluster.LocalCluster;
import io.snakepit.bench.cluster.SnakepitNodes;
import io.snakepit.bench.load.ClientCall;
import io.snakepit.bench.load.ClosedLoop;
import io.snakepit.bench.load.LoadSettings;
import io.snakepit.bench.load.StepMeasurement;
import io.snakepit.client.SnakepitClient;
import io.snakepit.router.Rendezvous;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The forwarding benchmark's workload: the example adapter's {@code ping} in one session that node
 * {@link Route#OWNER} owns, entering through the owner (local) and through another node (forwarded
 * once to the owner), with the same clients and SDK. Steps go from few clients to many, alternating
 * between the routes at each, so that a drift of the machine weighs on both alike.
 */
final class ForwardComparison {

  /** A smoke run: a few seconds of load at both concurrencies, not a measurement. */
  static final LoadSettings QUICK = LoadSettings.quick(List.of(1, 16));

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private final LoadSettings settings;
  private final Consumer<String> progress;

  ForwardComparison(LoadSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Runs the workload on started {@link SnakepitNodes}, once every node routes the session. */
  ForwardResult run(LocalCluster nodes) {
    List<SnakepitClient> clients =
        nodes.clientAddresses().stream()
            .map(
                address ->
                    SnakepitClient.builder().target(address).defaultTimeout(CALL_TIMEOUT).build())
            .toList();
    try {
      return run(nodes, clients);
    } finally {
      clients.forEach(SnakepitClient::close);
    }
  }

  private ForwardResult run(LocalCluster nodes, List<SnakepitClient> clients) {
    String session = sessionOwnedBy(Route.OWNER);
    progress.accept("waiting until every node runs session " + session + " on its owner");
    nodes.awaitAnswers(
        LocalCluster.START_TIMEOUT, member -> requireRunsOnOwner(clients.get(member), session));
    Map<Route, Entry> entries = new EnumMap<>(Route.class);
    for (Route route : Route.values()) {
      SnakepitClient client = clients.get(SnakepitNodes.IDS.indexOf(route.entryNode()));
      entries.put(route, new Entry(client, session, new WhereCallsRan()));
    }
    entries.forEach(this::warmUp);
    List<ForwardStep> steps = new ArrayList<>();
    for (int count : settings.clients()) {
      for (Route route : Route.values()) {
        StepMeasurement measurement =
            ClosedLoop.run(entries.get(route).calls(count), settings.warmup(), settings.window());
        ForwardStep step = new ForwardStep(route, count, measurement);
        progress.accept(step.summary());
        steps.add(step);
      }
    }
    Map<Route, Map<String, Long>> ranOn = new EnumMap<>(Route.class);
    entries.forEach((route, entry) -> ranOn.put(route, entry.ranOn().counts()));
    return new ForwardResult(steps, ranOn);
  }

  private void warmUp(Route route, Entry entry) {
    progress.accept(route.label() + ": warming up");
    ClosedLoop.run(entry.calls(settings.maxClients()), settings.initialWarmup(), Duration.ZERO);
  }

  /**
   * Throws until a ping entering through {@code entry} runs on the owner. The session is created
   * first (idempotent; it needs the Raft group's leader); a node finds the others through its peer
   * polls, a second or two after it started, and runs the session's calls itself until then.
   */
  private static void requireRunsOnOwner(SnakepitClient entry, String session) {
    entry.createSession(session, Map.of(), Duration.ZERO);
    String ranOn = PingCall.ranBy(entry, session);
    if (!ranOn.equals(Route.OWNER)) {
      throw new IllegalStateException(
          "the session's call ran on " + ranOn + ", not on its owner " + Route.OWNER);
    }
  }

  /** A session id that rendezvous hashing gives to {@code owner} among the three nodes. */
  static String sessionOwnedBy(String owner) {
    return IntStream.range(0, 1000)
        .mapToObj(i -> "forward-bench-" + i)
        .filter(id -> Rendezvous.order(id, SnakepitNodes.IDS).get(0).equals(owner))
        .findFirst()
        .orElseThrow();
  }

  /** A route's entry node, as its clients call it, and where their calls ran. */
  private record Entry(SnakepitClient client, String session, WhereCallsRan ranOn) {

    /** {@code count} clients; a ping keeps no state, so they share one. */
    List<ClientCall> calls(int count) {
      return Collections.nCopies(count, new PingCall(client, session, ranOn));
    }
  }
}
