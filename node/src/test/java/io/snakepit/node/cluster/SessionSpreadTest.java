package io.snakepit.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.snakepit.node.metrics.MetricNames;
import io.snakepit.router.Member;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.embedded.EmbeddedSessionStore;
import io.snakepit.store.embedded.EmbeddedStoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionSpreadTest {

  private static final int SESSIONS = 3000;

  @TempDir Path dir;
  private EmbeddedSessionStore store;
  private final MetricRegistry metrics = new MetricRegistry();
  private final List<Member> members = new ArrayList<>();

  @BeforeEach
  void fillTheStore() {
    store = EmbeddedSessionStore.open(EmbeddedStoreConfig.defaults(dir));
    IntStream.range(0, SESSIONS)
        .forEach(i -> store.create("s" + i, SessionOptions.withTtl(Duration.ZERO)));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void everySessionIsCountedOnceForItsOwnerAndTheSpreadIsEven() {
    List.of("a", "b", "c").forEach(id -> members.add(new Member(id, true, List.of())));
    members.add(new Member("dead", false, List.of()));
    SessionSpread spread = new SessionSpread(store, () -> members, metrics);

    spread.measure();

    int counted =
        List.of("a", "b", "c").stream().mapToInt(id -> (Integer) gauge(sessions(id))).sum();
    assertThat(counted).isEqualTo(SESSIONS);
    assertThat(metrics.getGauges()).doesNotContainKey(sessions("dead"));
    assertThat((Double) gauge("snakepit.cluster.session_skew")).isBetween(0.0, 0.3);
  }

  @Test
  void aNodeThatDiesHandsItsSessionsToTheOthers() {
    List.of("a", "b").forEach(id -> members.add(new Member(id, true, List.of())));
    SessionSpread spread = new SessionSpread(store, () -> members, metrics);
    spread.measure();
    int ownedByB = (Integer) gauge(sessions("b"));

    members.set(1, new Member("b", false, List.of()));
    spread.measure();

    assertThat(ownedByB).isPositive();
    assertThat((Integer) gauge(sessions("a"))).isEqualTo(SESSIONS);
    assertThat((Integer) gauge(sessions("b"))).isZero();
    assertThat((Double) gauge("snakepit.cluster.session_skew")).isZero();
  }

  private static String sessions(String node) {
    return MetricNames.tagged("snakepit.cluster.sessions", "node", node);
  }

  private Object gauge(String name) {
    Gauge<?> gauge = metrics.getGauges().get(name);
    return gauge.getValue();
  }
}
