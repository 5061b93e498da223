package io.snakepit.chaos.workload;

import io.snakepit.chaos.checker.CheckResult;
import io.snakepit.chaos.checker.LinearizabilityChecker;
import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.RegisterOps;
import io.snakepit.chaos.model.Semantics;
import io.snakepit.client.SnakepitClient;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The {@code register} workload: clients read, write and compare-and-set registers (variables of
 * one session) with values from a small range, so that they collide often, over keys that slide
 * along as the run goes on. Checked with the strict register model, initially absent.
 */
public final class RegisterWorkload implements Workload {

  static final String SESSION = "registers";
  private static final int VALUES = 5;

  private final SlidingKeys keys = new SlidingKeys("k", 2, 20);

  @Override
  public String name() {
    return "register";
  }

  @Override
  public void prepare(SnakepitClient client) {
    client.createSession(SESSION);
  }

  @Override
  public Op next(long process, long step, Random random) {
    String key = keys.next(step, random);
    long value = random.nextInt(VALUES);
    int choice = random.nextInt(4);
    if (choice < 2) {
      return Op.invoke(process, RegisterOps.READ, null).onKey(key);
    }
    if (choice == 2) {
      return Op.invoke(process, RegisterOps.WRITE, value).onKey(key);
    }
    return Op.invoke(process, RegisterOps.CAS, RegisterOps.casValue(expectedValue(random), value))
        .onKey(key);
  }

  @Override
  public Outcome apply(SnakepitClient client, Op invocation) {
    RegisterClient registers = new RegisterClient(client, SESSION);
    String key = (String) invocation.key();
    Keyword f = invocation.f();
    if (RegisterOps.READ.equals(f)) {
      return registers.read(key);
    }
    if (RegisterOps.WRITE.equals(f)) {
      return registers.write(key, (Long) invocation.value());
    }
    List<?> cas = (List<?>) invocation.value();
    return registers.compareAndSet(key, (Long) cas.get(0), (Long) cas.get(1));
  }

  @Override
  public List<Op> finalReads(long process) {
    return keys.used().stream()
        .map(key -> Op.invoke(process, RegisterOps.READ, null).onKey(key))
        .toList();
  }

  @Override
  public CheckReport check(List<Op> history) {
    CheckResult result =
        new LinearizabilityChecker(Duration.ofMinutes(2))
            .check(new CasRegister(null, Semantics.STRICT), Pairing.pair(history));
    return Linearizability.report(result, keys.used().size() + " registers, strict cas-register");
  }

  /** A value of the range, or now and then null: a swap that expects the register absent. */
  private static Long expectedValue(Random random) {
    int drawn = random.nextInt(VALUES + 1);
    return drawn == VALUES ? null : (long) drawn;
  }
}
