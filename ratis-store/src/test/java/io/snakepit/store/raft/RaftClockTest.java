package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.snakepit.store.SessionOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real group whose nodes' wall clocks are wrong, with real time under the test's control: no
 * session expires before its TTL has passed in real time, whichever node proposes the sweep, serves
 * the reads or leads.
 */
class RaftClockTest {

  private static final Instant START = Instant.parse("2026-12-07T12:00:00Z");
  private static final Duration TTL = Duration.ofMinutes(1);
  private static final SessionOptions OPTIONS = SessionOptions.withTtl(TTL);

  @TempDir Path root;
  private final AtomicLong realNanos = new AtomicLong();
  private RaftTestCluster cluster;

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** Every node's wall clock is right, but {@code wrong}'s, which is {@code offset} off. */
  private void start(String wrong, Duration offset) {
    cluster =
        RaftTestCluster.start(
            root,
            3,
            config ->
                config.withClocks(
                    new OffsetClock(config.selfId().equals(wrong) ? offset : Duration.ZERO),
                    realNanos::get));
  }

  private void pass(Duration duration) {
    realNanos.addAndGet(duration.toNanos());
  }

  /** Makes {@code peer} a follower, for the leader to be one with a right clock. */
  private String leaderOtherThan(String peer) {
    String leader = cluster.awaitLeader();
    if (!leader.equals(peer)) {
      return leader;
    }
    String other = cluster.peerIds().stream().filter(id -> !id.equals(peer)).findFirst().get();
    cluster.store(peer).membership().orElseThrow().transferLeadership(other);
    return other;
  }

  @Test
  void aClockTenMinutesAheadExpiresNoSessionEarlyWhetherItsNodeFollowsOrLeads() {
    start("n0", Duration.ofMinutes(10));
    String leader = leaderOtherThan("n0");
    cluster.store(leader).create("s1", OPTIONS);
    pass(Duration.ofSeconds(10));

    assertThat(cluster.store("n0").expireIdleSessions()).isZero();
    cluster.store(leader).membership().orElseThrow().transferLeadership("n0");
    pass(Duration.ofSeconds(10));
    assertThat(cluster.store("n0").expireIdleSessions()).isZero();
    assertThat(cluster.store(leader).exists("s1")).isTrue();

    pass(TTL);
    assertThat(cluster.store("n0").expireIdleSessions())
        .as("once the TTL has passed in real time")
        .isEqualTo(1);
  }

  @Test
  void aSessionReadThroughANodeTenMinutesBehindCountsAsReadThen() {
    start("n0", Duration.ofMinutes(-10));
    String leader = leaderOtherThan("n0");
    cluster.store(leader).create("s1", OPTIONS);
    long created = lastAccessedMillis(leader);
    pass(TTL.minusSeconds(10));

    cluster.store("n0").get("s1");
    await().atMost(RaftTestCluster.WAIT).until(() -> lastAccessedMillis(leader) > created);
    pass(Duration.ofSeconds(20));

    assertThat(cluster.store(leader).expireIdleSessions())
        .as("read 20 s ago, with a TTL of a minute")
        .isZero();
    assertThat(cluster.store(leader).exists("s1")).isTrue();
  }

  /** As the replica holds it: reading it through the store would touch it. */
  private long lastAccessedMillis(String peer) {
    return cluster.replicaSessions(peer).stream()
        .filter(session -> session.getId().equals("s1"))
        .findFirst()
        .orElseThrow()
        .getLastAccessedMillis();
  }

  /** The right time, as the test's real time goes, plus an offset. */
  private final class OffsetClock extends Clock {
    private final Duration offset;

    OffsetClock(Duration offset) {
      this.offset = offset;
    }

    @Override
    public Instant instant() {
      return START.plusNanos(realNanos.get()).plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
