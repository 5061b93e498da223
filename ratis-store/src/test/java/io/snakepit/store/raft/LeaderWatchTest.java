package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

class LeaderWatchTest {

  private static final RaftPeerId N1 = RaftPeerId.valueOf("n1");
  private static final RaftPeerId N2 = RaftPeerId.valueOf("n2");

  private final AtomicLong nanos = new AtomicLong();
  private final LeaderWatch leaders = new LeaderWatch(nanos::get);
  private final List<RaftPeerId> told = new ArrayList<>();

  @Test
  void aCallWaitingOnOneReplicaIsToldOnceWhenAnotherLeads() {
    leaders.whileWaitingOn(N1, told::add);

    leaders.recognised(N1);
    assertThat(told).isEmpty();

    leaders.recognised(N2);
    leaders.recognised(RaftPeerId.valueOf("n3"));
    assertThat(told).containsExactly(N2);
  }

  @Test
  void aCallAnsweredBeforeTheChangeIsNotTold() {
    LeaderWatch.Waiting waiting = leaders.whileWaitingOn(N1, told::add);
    waiting.close();

    leaders.recognised(N2);

    assertThat(told).isEmpty();
  }

  @Test
  void callsWaitingOnTheSameReplicaAreEachTold() {
    List<RaftPeerId> second = new ArrayList<>();
    leaders.whileWaitingOn(N1, told::add);
    leaders.whileWaitingOn(N1, second::add);

    leaders.recognised(N2);

    assertThat(told).containsExactly(N2);
    assertThat(second).containsExactly(N2);
  }

  @Test
  void theLatestLeaderRecognisedCountsWithinTheWindowOnly() {
    Duration window = Duration.ofSeconds(1);
    assertThat(leaders.recognisedWithin(N1, window)).isFalse();

    leaders.recognised(N1);
    nanos.addAndGet(window.toNanos() - 1);
    assertThat(leaders.recognisedWithin(N1, window)).isTrue();
    assertThat(leaders.recognisedWithin(N2, window)).isFalse();

    nanos.incrementAndGet();
    assertThat(leaders.recognisedWithin(N1, window)).isFalse();
  }

  @Test
  void aLeaderRecognisedSinceReplacesTheEarlierOne() {
    leaders.recognised(N1);
    leaders.recognised(N2);

    assertThat(leaders.recognisedWithin(N1, Duration.ofSeconds(1))).isFalse();
    assertThat(leaders.recognisedWithin(N2, Duration.ofSeconds(1))).isTrue();
  }
}
