package io.snakepit.chaos.simulation;

import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.model.RegisterOps;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Concurrent clients calling registers, recorded as a history. Each step picks a client at random
 * and moves its call one stage: invoke, take effect (atomically, at a random moment while the call
 * is open), then complete. A call may time out before or after it took effect; the client then
 * records :info and carries on as a new process, as Jepsen's clients do.
 */
public final class RegisterWorkload {
  private static final long VALUES = 5;

  private final Random random;
  private final double timeoutRate;
  private final int keys;
  private final Map<Object, SimulatedRegister> registers = new HashMap<>();
  private final Supplier<SimulatedRegister> newRegister;
  private final List<Op> history = new ArrayList<>();

  public RegisterWorkload(
      Random random, int keys, double timeoutRate, Supplier<SimulatedRegister> newRegister) {
    this.random = random;
    this.keys = keys;
    this.timeoutRate = timeoutRate;
    this.newRegister = newRegister;
  }

  public List<Op> run(int clients, int operations) {
    Client[] all = new Client[clients];
    for (int i = 0; i < clients; i++) {
      all[i] = new Client(i);
    }
    int invoked = 0;
    int open = 0;
    while (invoked < operations || open > 0) {
      Client client = all[random.nextInt(clients)];
      if (client.call == null) {
        if (invoked < operations) {
          client.call = newCall(client.process);
          history.add(client.call);
          invoked++;
          open++;
        }
      } else if (random.nextDouble() < timeoutRate) {
        client.timeOut(all.length);
        open--;
      } else if (!client.applied) {
        client.takeEffect();
      } else {
        client.complete();
        open--;
      }
    }
    return List.copyOf(history);
  }

  private Op newCall(long process) {
    Keyword f =
        List.of(RegisterOps.READ, RegisterOps.WRITE, RegisterOps.CAS).get(random.nextInt(3));
    Object value = null;
    if (f.equals(RegisterOps.WRITE)) {
      value = randomValue();
    } else if (f.equals(RegisterOps.CAS)) {
      value = RegisterOps.casValue(random.nextInt(4) == 0 ? null : randomValue(), randomValue());
    }
    String key = "k" + random.nextInt(keys);
    return Op.invoke(process, f, value).onKey(key);
  }

  private Long randomValue() {
    return (long) random.nextInt((int) VALUES);
  }

  private final class Client {
    long process;
    Op call;
    boolean applied;
    Object observed;
    OpType outcome;

    Client(long process) {
      this.process = process;
    }

    void takeEffect() {
      SimulatedRegister register = registers.computeIfAbsent(call.key(), key -> newRegister.get());
      outcome = OpType.OK;
      observed = call.value();
      if (call.f().equals(RegisterOps.READ)) {
        observed = register.read();
      } else if (call.f().equals(RegisterOps.WRITE)) {
        register.write(call.value());
      } else {
        List<?> cas = (List<?>) call.value();
        outcome = register.cas(cas.get(0), cas.get(1)) ? OpType.OK : OpType.FAIL;
      }
      applied = true;
    }

    void complete() {
      history.add(call.completed(outcome, observed));
      call = null;
      applied = false;
    }

    void timeOut(int processes) {
      history.add(call.completed(OpType.INFO, call.value()));
      call = null;
      applied = false;
      process += processes;
    }
  }
}
