package io.snakepit.chaos.workload;

import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.client.NotFoundException;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitException;
import java.util.List;
import java.util.Random;

/**
 * The {@code execute} workload: clients call the example adapter's {@code counter} tool, a Python
 * tool that increments a session variable by compare-and-set through its node, while faults happen.
 * After the faults heal, one read of the variable is checked by {@link CounterChecker}.
 */
public final class CounterWorkload implements Workload {

  static final Keyword INCREMENT = Keyword.of("add");
  static final Keyword READ = Keyword.of("read");
  private static final String SESSION = "counter";
  private static final String VARIABLE = "counter";

  @Override
  public String name() {
    return "execute";
  }

  @Override
  public void prepare(SnakepitClient client) {
    client.createSession(SESSION);
  }

  @Override
  public Op next(long process, long step, Random random) {
    return Op.invoke(process, INCREMENT, 1L);
  }

  @Override
  public Outcome apply(SnakepitClient client, Op invocation) {
    try {
      if (READ.equals(invocation.f())) {
        return Outcome.ok(client.getVariable(SESSION, VARIABLE).value());
      }
      return Outcome.ok(client.call("counter").session(SESSION).arg("name", VARIABLE).execute());
    } catch (NotFoundException absent) {
      return READ.equals(invocation.f()) ? Outcome.ok(0L) : Outcome.unknown();
    } catch (SnakepitException e) {
      return Outcome.unknown(); // the tool may have incremented before the call failed
    }
  }

  @Override
  public List<Op> finalReads(long process) {
    return List.of(Op.invoke(process, READ, null));
  }

  @Override
  public CheckReport check(List<Op> history) {
    return CounterChecker.check(Pairing.pair(history));
  }
}
