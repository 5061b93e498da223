package io.snakepit.node.cluster;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.snakepit.node.metrics.MetricNames;
import io.snakepit.router.Member;
import io.snakepit.router.Rendezvous;
import io.snakepit.router.Skew;
import io.snakepit.store.Session;
import io.snakepit.store.SessionPage;
import io.snakepit.store.SessionStore;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * How evenly the sessions spread over the live nodes that own them, as metrics: sessions owned per
 * node ({@code snakepit.cluster.sessions{node}}) and the skew, (max − min) / mean ({@code
 * snakepit.cluster.session_skew}). Counting reads every session id, so it runs on its own, slower
 * schedule.
 */
public final class SessionSpread {

  private final SessionStore store;
  private final Supplier<List<Member>> members;
  private final MetricRegistry metrics;
  private volatile Map<String, Integer> owned = Map.of();

  public SessionSpread(SessionStore store, Supplier<List<Member>> members, MetricRegistry metrics) {
    this.store = store;
    this.members = members;
    this.metrics = metrics;
    metrics.gauge(
        "snakepit.cluster.session_skew", () -> (Gauge<Double>) () -> Skew.of(owned.values()));
  }

  /** Counts the sessions each live node owns now. */
  public void measure() {
    List<String> live = members.get().stream().filter(Member::live).map(Member::id).toList();
    Map<String, Integer> counts = new TreeMap<>();
    live.forEach(id -> counts.put(id, 0));
    if (!live.isEmpty()) {
      String cursor = "";
      do {
        SessionPage page = store.list(cursor, SessionStore.MAX_PAGE_SIZE);
        for (Session session : page.sessions()) {
          counts.merge(Rendezvous.order(session.id(), live).get(0), 1, Integer::sum);
        }
        cursor = page.nextCursor();
      } while (!cursor.isEmpty());
    }
    counts.keySet().forEach(this::registerCount);
    owned = counts;
  }

  private void registerCount(String node) {
    metrics.gauge(
        MetricNames.tagged("snakepit.cluster.sessions", "node", node),
        () -> (Gauge<Integer>) () -> owned.getOrDefault(node, 0));
  }
}
