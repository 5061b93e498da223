package io.snakepit.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.Semantics;
import io.snakepit.chaos.simulation.RegisterWorkload;
import io.snakepit.chaos.simulation.SimulatedRegister;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The memoised search must decide exactly as exhaustive enumeration does, on many small random
 * histories from registers buggy enough that both verdicts come up often.
 */
class SearchAgreesWithBruteForceTest {
  private static final int HISTORIES = 400;
  private static final LinearizabilityChecker CHECKER =
      new LinearizabilityChecker(Duration.ofSeconds(10));

  @ParameterizedTest
  @EnumSource(Semantics.class)
  void sameVerdictAsEnumeration(Semantics semantics) {
    CasRegister model = new CasRegister(null, semantics);
    int violations = 0;
    for (int seed = 0; seed < HISTORIES; seed++) {
      Random random = new Random(seed);
      List<Operation> history =
          Pairing.pair(new RegisterWorkload(random, 1, 0.1, () -> buggyRegister(random)).run(3, 9));

      boolean expected = BruteForceOracle.linearizable(model, history);
      Verdict verdict = CHECKER.check(model, history).verdict();

      assertThat(verdict)
          .as("seed %d: %s", seed, history)
          .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
      violations += expected ? 0 : 1;
    }
    assertThat(violations).isBetween(HISTORIES / 20, HISTORIES / 2);
  }

  private static SimulatedRegister buggyRegister(Random random) {
    switch (random.nextInt(3)) {
      case 0:
        return SimulatedRegister.staleReads(random, 0.9);
      case 1:
        return SimulatedRegister.lostWrites(random, 0.9);
      default:
        return SimulatedRegister.casAppliedTwice(random, 0.9);
    }
  }
}
