package io.snakepit.chaos.workload;

import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.set.SetChecker;
import io.snakepit.chaos.set.SetResult;
import io.snakepit.client.ConflictException;
import io.snakepit.client.NotFoundException;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitException;
import io.snakepit.client.VariableValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The {@code set} workload: clients add unique elements to one list held in a session variable,
 * each add a read followed by a compare-and-set on the version it read, retried when another add
 * got there first. After the faults heal, one read of the list must hold every acknowledged element
 * and nothing that was never added.
 */
public final class SetWorkload implements Workload {

  static final String SESSION = "set";
  static final String VARIABLE = "elements";
  private static final int ROUNDS = 20;

  @Override
  public String name() {
    return "set";
  }

  @Override
  public void prepare(SnakepitClient client) {
    client.createSession(SESSION);
  }

  /**
   * Element {@code step * 1000 + process % 1000}: unique while a run has fewer than 1000 clients.
   */
  @Override
  public Op next(long process, long step, Random random) {
    return Op.invoke(process, SetChecker.ADD, step * 1000 + process % 1000);
  }

  @Override
  public Outcome apply(SnakepitClient client, Op invocation) {
    if (SetChecker.READ.equals(invocation.f())) {
      return read(client);
    }
    return add(client, (Long) invocation.value());
  }

  @Override
  public List<Op> finalReads(long process) {
    return List.of(Op.invoke(process, SetChecker.READ, null));
  }

  @Override
  public CheckReport check(List<Op> history) {
    SetResult result = SetChecker.check(Pairing.pair(history));
    String summary =
        (result.valid() ? "valid" : "INVALID")
            + " set: "
            + result.acknowledged()
            + " acknowledged adds, "
            + result.lost().size()
            + " lost, "
            + result.unexpected().size()
            + " unexpected";
    if (!result.finalReadSeen()) {
      return new CheckReport(CheckReport.Validity.UNKNOWN, "no final read completed", "");
    }
    return new CheckReport(
        result.valid() ? CheckReport.Validity.VALID : CheckReport.Validity.INVALID,
        summary,
        result.valid() ? "" : "lost: " + result.lost() + "\nunexpected: " + result.unexpected());
  }

  private static Outcome read(SnakepitClient client) {
    try {
      return Outcome.ok(client.getVariable(SESSION, VARIABLE).value());
    } catch (NotFoundException empty) {
      return Outcome.ok(List.of());
    } catch (SnakepitException e) {
      return Outcome.unknown();
    }
  }

  /**
   * Every round that ends in a version conflict changed nothing; only a swap that fails for another
   * reason leaves the add unknown.
   */
  private static Outcome add(SnakepitClient client, long element) {
    for (int round = 0; round < ROUNDS; round++) {
      List<Object> elements;
      long version;
      try {
        VariableValue current = client.getVariable(SESSION, VARIABLE);
        elements = new ArrayList<>((List<?>) current.value());
        version = current.version();
      } catch (NotFoundException empty) {
        elements = new ArrayList<>();
        version = 0;
      } catch (SnakepitException e) {
        return Outcome.fail(); // nothing of this add was written yet
      }
      elements.add(element);
      try {
        client.putVariable(SESSION, VARIABLE, elements, version);
        return Outcome.ok(element);
      } catch (ConflictException lost) {
        // another add got there first: read again
      } catch (SnakepitException e) {
        return Outcome.unknown();
      }
    }
    return Outcome.fail();
  }
}
