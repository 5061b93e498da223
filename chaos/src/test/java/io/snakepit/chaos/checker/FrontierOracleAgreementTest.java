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
import org.junit.jupiter.api.Test;

/**
 * On histories too long to enumerate, the search decides as the independent frontier procedure
 * does. Without timeouts, which would make the frontier procedure's configurations explode.
 */
class FrontierOracleAgreementTest {
  private static final int HISTORIES = 30;

  @Test
  void sameVerdictAsTheFrontierProcedure() {
    CasRegister model = new CasRegister(null, Semantics.STRICT);
    LinearizabilityChecker checker = new LinearizabilityChecker(Duration.ofSeconds(10));
    int violations = 0;
    for (int seed = 0; seed < HISTORIES; seed++) {
      Random random = new Random(seed);
      List<Operation> history =
          Pairing.pair(
              new RegisterWorkload(
                      random, 1, 0.0, () -> SimulatedRegister.casAppliedTwice(random, 0.1))
                  .run(3, 150));

      boolean expected = FrontierOracle.linearizable(model, history);

      assertThat(checker.check(model, history).verdict())
          .as("seed %d", seed)
          .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
      violations += expected ? 0 : 1;
    }
    assertThat(violations).isBetween(1, HISTORIES - 1);
  }
}
