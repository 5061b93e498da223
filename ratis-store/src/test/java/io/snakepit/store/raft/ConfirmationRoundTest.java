package io.snakepit.store.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;

class ConfirmationRoundTest {

  private static final RaftPeerId A = RaftPeerId.valueOf("a");
  private static final RaftPeerId B = RaftPeerId.valueOf("b");
  private static final RaftPeerId C = RaftPeerId.valueOf("c");
  private static final RaftPeerId D = RaftPeerId.valueOf("d");
  private static final RaftPeerId E = RaftPeerId.valueOf("e");

  @Test
  void oneFollowerAtTheLeadersTermMakesAMajorityOfThree() {
    ConfirmationRound round = new ConfirmationRound(7, A, List.of(Set.of(A, B, C), Set.of()));
    assertThat(round.outcome()).isNotDone();

    round.answered(C, 7);

    assertThat(round.outcome()).isCompleted();
  }

  @Test
  void answersFromEarlierTermsDoNotCount() {
    ConfirmationRound round = new ConfirmationRound(7, A, List.of(Set.of(A, B, C)));

    round.answered(B, 6);
    round.answered(C, 5);

    assertThat(round.outcome()).isNotDone();
  }

  @Test
  void aLaterTermEndsTheRoundAtOnce() {
    ConfirmationRound round = new ConfirmationRound(7, A, List.of(Set.of(A, B, C)));

    round.answered(B, 8);
    round.answered(C, 7);

    assertThat(round.outcome())
        .isCompletedExceptionally()
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(StoreException.Unavailable.class)
        .withMessageContaining("b is at term 8");
  }

  @Test
  void whileTheGroupChangesBothConfigurationsNeedAMajority() {
    ConfirmationRound round =
        new ConfirmationRound(3, A, List.of(Set.of(A, D, E), Set.of(A, B, C)));

    round.answered(B, 3);
    assertThat(round.outcome()).as("only the old configuration has a majority").isNotDone();

    round.answered(D, 3);
    assertThat(round.outcome()).isCompleted();
  }

  @Test
  void aLeaderAloneInItsGroupIsConfirmedAtOnce() {
    assertThat(new ConfirmationRound(1, A, List.of(Set.of(A))).outcome()).isCompleted();
  }
}
