package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

class LeaderWatchTest {

  private static final RaftPeerId N1 = RaftPeerId.valueOf("n1");
  private static final RaftPeerId N2 = RaftPeerId.valueOf("n2");

  private final LeaderWatch leaders = new LeaderWatch();
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
}
