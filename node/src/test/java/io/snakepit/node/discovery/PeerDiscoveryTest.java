package io.snakepit.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.snakepit.node.discovery.PeerDiscovery.DiscoveryException;
import io.snakepit.node.discovery.PeerDiscovery.Request;
import io.snakepit.node.discovery.PeerDiscovery.Start;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a node waits for DNS to list its peers: backoff, what counts as enough, giving up. */
class PeerDiscoveryTest {

  private static final String NAME = "_raft._tcp.snakepit.ns.svc";

  /** Answers from a script, the last one again and again; a null answer is a failed lookup. */
  private static final class ScriptedDns implements DnsLookup {
    // A LinkedList holds the nulls that stand for failed lookups.
    private final LinkedList<List<String>> answers = new LinkedList<>();

    ScriptedDns answer(String... targets) {
      answers.add(List.of(targets));
      return this;
    }

    ScriptedDns fail() {
      answers.add(null);
      return this;
    }

    @Override
    public List<SrvRecord> srv(String name) {
      List<String> targets = answers.size() > 1 ? answers.poll() : answers.peek();
      if (targets == null) {
        throw new DnsException("no answer", new RuntimeException());
      }
      return targets.stream().map(target -> new SrvRecord(0, 0, 7000, target + ".svc")).toList();
    }

    @Override
    public Optional<String> address(String host) {
      throw new UnsupportedOperationException();
    }
  }

  private final MovingClock clock = new MovingClock();
  private final List<Duration> sleeps = new ArrayList<>();

  private Map<String, String> discover(ScriptedDns dns, Start start) throws InterruptedException {
    return new PeerDiscovery(dns, DnsPeers.byName(), clock, this::sleep)
        .discover(new Request(NAME, "b", 3, start, Duration.ofSeconds(30)));
  }

  private void sleep(Duration duration) {
    sleeps.add(duration);
    clock.now = clock.now.plus(duration);
  }

  @Test
  void aNewGroupWaitsWithGrowingPausesUntilTheExpectedPeersAreListed() throws Exception {
    ScriptedDns dns =
        new ScriptedDns().answer().answer("a").fail().answer("a", "b").answer("a", "b", "c");

    assertThat(discover(dns, Start.FORM))
        .containsExactly(
            Map.entry("a", "a.svc:7000"),
            Map.entry("b", "b.svc:7000"),
            Map.entry("c", "c.svc:7000"));
    assertThat(sleeps)
        .containsExactly(
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
  }

  @Test
  void enoughPeersWithoutThisNodeAreNotEnough() throws Exception {
    ScriptedDns dns = new ScriptedDns().answer("a", "c", "d").answer("a", "b", "c");

    assertThat(discover(dns, Start.FORM)).containsOnlyKeys("a", "b", "c");
  }

  @Test
  void itGivesUpAfterTheTimeoutSayingWhatItSaw() {
    ScriptedDns dns = new ScriptedDns().answer("a", "b");

    assertThatThrownBy(() -> discover(dns, Start.FORM))
        .isInstanceOf(DiscoveryException.class)
        .hasMessage(
            "peer discovery gave up after PT30S (store.raft.discovery-timeout): the SRV records of "
                + NAME
                + " never listed 3 peers (store.raft.expect), b among them; last seen:"
                + " {a=a.svc:7000, b=b.svc:7000}");
    assertThat(sleeps).allMatch(pause -> pause.compareTo(Duration.ofSeconds(5)) <= 0);
    assertThat(sleeps.stream().reduce(Duration.ZERO, Duration::plus))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aNewGroupRefusesMorePeersThanExpected() {
    ScriptedDns dns = new ScriptedDns().answer("a", "b", "c", "d");

    assertThatThrownBy(() -> discover(dns, Start.FORM))
        .isInstanceOf(DiscoveryException.class)
        .hasMessageContaining("list 4 peers [a, b, c, d] but store.raft.expect is 3")
        .hasMessageContaining("store.raft.join=true");
  }

  @Test
  void aJoiningNodeNeedsItselfAndOneOther() throws Exception {
    assertThat(discover(new ScriptedDns().answer("b").answer("a", "b"), Start.JOIN))
        .containsOnlyKeys("a", "b");
  }

  @Test
  void aRecoveringNodeNeedsTheExpectedPeersButTakesMore() throws Exception {
    // Fewer would make a replica whose log holds no membership yet start a group of its own.
    assertThat(
            discover(
                new ScriptedDns().answer("b").answer("a", "b").answer("a", "b", "c", "d"),
                Start.RECOVER))
        .containsOnlyKeys("a", "b", "c", "d");
  }

  private static final class MovingClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
