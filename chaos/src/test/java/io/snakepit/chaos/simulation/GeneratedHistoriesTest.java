package io.snakepit.chaos.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import io.snakepit.chaos.checker.CheckResult;
import io.snakepit.chaos.checker.LinearizabilityChecker;
import io.snakepit.chaos.checker.Verdict;
import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.Semantics;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded histories from simulated registers: a correct one must always pass, and each planted bug
 * must be caught. The buggy runs use a single key so that bugs pile up on one register.
 */
class GeneratedHistoriesTest {
  private static final int SEEDS = 10;
  private static final LinearizabilityChecker CHECKER =
      new LinearizabilityChecker(Duration.ofSeconds(20));

  @ParameterizedTest
  @EnumSource(Semantics.class)
  void aCorrectRegisterIsAlwaysLinearizable(Semantics semantics) {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      List<Operation> history =
          Pairing.pair(
              new RegisterWorkload(random, 3, 0.05, SimulatedRegister::correct).run(5, 400));

      CheckResult result = CHECKER.check(new CasRegister(null, semantics), history);

      assertThat(result.verdict()).as("seed %d", seed).isEqualTo(Verdict.LINEARIZABLE);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"stale reads", "lost writes", "cas applied twice"})
  void aPlantedBugIsCaught(String bug) {
    for (int seed = 0; seed < SEEDS; seed++) {
      Random random = new Random(seed);
      Function<Random, SimulatedRegister> buggy = bugFor(bug);
      List<Operation> history =
          Pairing.pair(
              new RegisterWorkload(random, 1, 0.0, () -> buggy.apply(random)).run(3, 1000));

      CheckResult result = CHECKER.check(new CasRegister(null, Semantics.STRICT), history);

      assertThat(result.verdict()).as("seed %d", seed).isEqualTo(Verdict.NOT_LINEARIZABLE);
      assertThat(result.failure().orElseThrow().key()).isEqualTo("k0");
    }
  }

  private static Function<Random, SimulatedRegister> bugFor(String bug) {
    switch (bug) {
      case "stale reads":
        return random -> SimulatedRegister.staleReads(random, 0.1);
      case "lost writes":
        return random -> SimulatedRegister.lostWrites(random, 0.3);
      default:
        return random -> SimulatedRegister.casAppliedTwice(random, 0.5);
    }
  }
}
