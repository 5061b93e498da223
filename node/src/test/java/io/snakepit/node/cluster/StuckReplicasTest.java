package io.snakepit.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.StoreStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StuckReplicasTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Instant START = Instant.parse("2026-12-06T00:00:00Z");

  private final StuckReplicas stuck = new StuckReplicas(PATIENCE);

  @Test
  void aFollowerThatStaysBehindTheSameMarkIsStuckOnceThePatienceRanOut() {
    assertThat(stuck.observe(leaderView(100, 100, 10), at(0))).isEmpty();
    assertThat(stuck.observe(leaderView(120, 120, 10), at(9))).isEmpty();

    assertThat(stuck.observe(leaderView(130, 130, 10), at(10))).containsExactly("c");
  }

  @Test
  void aFollowerThatKeepsPassingTheLastMarkUnderLoadIsNeverStuck() {
    long leader = 100;
    for (int second = 0; second <= 60; second += 5) {
      // Always a little behind, but always past where the leader was five seconds earlier.
      assertThat(stuck.observe(leaderView(leader, leader - 1, leader - 1), at(second))).isEmpty();
      leader += 50;
    }
  }

  @Test
  void catchingUpStartsTheClockAfresh() {
    stuck.observe(leaderView(100, 100, 10), at(0));
    stuck.observe(leaderView(100, 100, 100), at(8));

    assertThat(stuck.observe(leaderView(110, 110, 100), at(12))).isEmpty();
    assertThat(stuck.observe(leaderView(110, 110, 100), at(22))).containsExactly("c");
  }

  @Test
  void aFollowerWhoseProgressIsUnknownCountsAsBehind() {
    StoreStatus unknown =
        status(
            "a",
            100,
            List.of(
                member("a", 100),
                member("b", 100),
                new StoreStatus.Member(
                    "c",
                    "c:1",
                    StoreStatus.Role.UNKNOWN,
                    false,
                    OptionalLong.empty(),
                    Optional.empty())));
    stuck.observe(unknown, at(0));

    assertThat(stuck.observe(unknown, at(10))).containsExactly("c");
  }

  @Test
  void aNodeThatDoesNotLeadSeesNothingStuckAndForgetsWhatItSaw() {
    stuck.observe(leaderView(100, 100, 10), at(0));
    StoreStatus asFollower =
        new StoreStatus("raft", "a", Optional.of("b"), 2, 100, 100, 0, List.of(member("a", 100)));

    assertThat(stuck.observe(asFollower, at(10))).isEmpty();
    // Leading again: c's clock starts now, not at second 0.
    assertThat(stuck.observe(leaderView(100, 100, 10), at(11))).isEmpty();
    assertThat(stuck.observe(leaderView(100, 100, 10), at(20))).isEmpty();
    assertThat(stuck.observe(leaderView(100, 100, 10), at(21))).containsExactly("c");
  }

  /** Leader a at {@code commit}; follower b at {@code b}, follower c at {@code c}. */
  private static StoreStatus leaderView(long commit, long b, long c) {
    return status("a", commit, List.of(member("a", commit), member("b", b), member("c", c)));
  }

  private static StoreStatus status(String self, long commit, List<StoreStatus.Member> members) {
    return new StoreStatus("raft", self, Optional.of(self), 1, commit, commit, 0, members);
  }

  private static StoreStatus.Member member(String id, long commit) {
    return new StoreStatus.Member(
        id, id + ":1", StoreStatus.Role.FOLLOWER, true, OptionalLong.of(commit), Optional.empty());
  }

  private static Instant at(int second) {
    return START.plusSeconds(second);
  }
}
