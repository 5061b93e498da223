package io.snakepit.chaos;

import io.snakepit.chaos.checker.CheckResult;
import io.snakepit.chaos.checker.LinearizabilityChecker;
import io.snakepit.chaos.checker.Verdict;
import io.snakepit.chaos.edn.EdnException;
import io.snakepit.chaos.history.HistoryReader;
import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.history.Pairing;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Checks one recorded history: prints {@code linearizable} (exit 0), {@code NOT linearizable} with
 * the failing window (exit 1), or {@code unknown} when the budget ran out (exit 2, as for a usage
 * or input error).
 */
public final class CheckCommand {
  static final int LINEARIZABLE = 0;
  static final int NOT_LINEARIZABLE = 1;
  static final int UNDECIDED = 2;

  private CheckCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    CheckOptions options;
    try {
      options = CheckOptions.parse(args);
      List<Operation> operations = Pairing.pair(HistoryReader.read(options.file()));
      CheckResult result =
          new LinearizabilityChecker(options.budget()).check(options.buildModel(), operations);
      report(result, options, out);
      // On stderr, so that stdout stays exactly the verdict and its window.
      err.printf(
          "checked %d operations in %d ms (%d configurations)%n",
          operations.size(), result.elapsed().toMillis(), result.configurations());
      return exitStatus(result.verdict());
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(CheckOptions.USAGE);
      return UNDECIDED;
    } catch (IOException | EdnException e) {
      err.println("cannot read the history: " + e.getMessage());
      return UNDECIDED;
    }
  }

  private static void report(CheckResult result, CheckOptions options, PrintStream out) {
    out.println(result.verdict().label());
    result.failure().ifPresent(failure -> out.print(failure.describe()));
    if (result.verdict() == Verdict.UNKNOWN) {
      out.println("the time budget of " + options.budget().toSeconds() + " s ran out");
    }
  }

  private static int exitStatus(Verdict verdict) {
    switch (verdict) {
      case LINEARIZABLE:
        return LINEARIZABLE;
      case NOT_LINEARIZABLE:
        return NOT_LINEARIZABLE;
      default:
        return UNDECIDED;
    }
  }
}
