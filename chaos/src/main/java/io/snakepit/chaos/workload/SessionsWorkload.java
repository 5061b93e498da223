package io.snakepit.chaos.workload;

import io.snakepit.chaos.checker.LinearizabilityChecker;
import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.RegisterOps;
import io.snakepit.chaos.model.Semantics;
import io.snakepit.client.NotFoundException;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitException;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The {@code sessions} workload: clients create, read and delete sessions with ids from a small,
 * sliding set. Each session id is a register that holds 1 while the session exists and is absent
 * otherwise (create writes 1, delete makes it absent, a read of a missing session sees it absent),
 * so the strict register model catches an acknowledged session that is lost and a deleted one that
 * comes back.
 */
public final class SessionsWorkload implements Workload {

  private static final long PRESENT = 1L;

  private final SlidingKeys ids = new SlidingKeys("s", 2, 20);

  @Override
  public String name() {
    return "sessions";
  }

  @Override
  public void prepare(SnakepitClient client) {
    // every session is the workload's own
  }

  @Override
  public Op next(long process, long step, Random random) {
    String id = ids.next(step, random);
    int choice = random.nextInt(5);
    if (choice < 2) {
      return Op.invoke(process, RegisterOps.READ, null).onKey(id);
    }
    if (choice < 4) {
      return Op.invoke(process, RegisterOps.WRITE, PRESENT).onKey(id);
    }
    return Op.invoke(process, RegisterOps.DELETE, null).onKey(id);
  }

  @Override
  public Outcome apply(SnakepitClient client, Op invocation) {
    String id = (String) invocation.key();
    Keyword f = invocation.f();
    try {
      if (RegisterOps.WRITE.equals(f)) {
        client.createSession(id);
        return Outcome.ok(PRESENT);
      }
      if (RegisterOps.DELETE.equals(f)) {
        client.deleteSession(id);
        return Outcome.ok(null);
      }
      client.getSession(id);
      return Outcome.ok(PRESENT);
    } catch (NotFoundException absent) {
      return RegisterOps.READ.equals(f) ? Outcome.ok(null) : Outcome.unknown();
    } catch (SnakepitException e) {
      return Outcome.unknown(); // a create or delete may have been applied before the failure
    }
  }

  @Override
  public List<Op> finalReads(long process) {
    return ids.used().stream()
        .map(id -> Op.invoke(process, RegisterOps.READ, null).onKey(id))
        .toList();
  }

  @Override
  public CheckReport check(List<Op> history) {
    return Linearizability.report(
        new LinearizabilityChecker(Duration.ofMinutes(2))
            .check(new CasRegister(null, Semantics.STRICT), Pairing.pair(history)),
        ids.used().size() + " session ids as registers, strict model");
  }
}
