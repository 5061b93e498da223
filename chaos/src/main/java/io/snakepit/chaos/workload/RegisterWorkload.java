package io.snakepit.chaos.workload;

import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.model.RegisterOps;
import io.snakepit.client.SnakepitClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The {@code register} workload: several clients read, write and compare-and-set a few independent
 * registers (variables of one session) with values from a small range, so that they collide often.
 * Each client's operations come from its own seeded random source: a run's operations are
 * reproducible from the seed, their interleaving is not.
 */
public final class RegisterWorkload {

  /**
   * @param processes concurrent clients
   * @param operationsPerProcess how many operations each client runs
   * @param keys how many independent registers
   * @param values values are drawn from 0 to values - 1
   */
  public record Settings(
      int processes, int operationsPerProcess, int keys, int values, long seed) {}

  private RegisterWorkload() {}

  /** Runs the workload against one session and returns the history of every client. */
  public static List<Op> run(SnakepitClient client, String session, Settings settings)
      throws Exception {
    client.createSession(session);
    RegisterClient registers = new RegisterClient(client, session);
    HistoryRecorder history = new HistoryRecorder();
    ExecutorService clients = Executors.newFixedThreadPool(settings.processes());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int process = 0; process < settings.processes(); process++) {
        long processId = process;
        Random random = new Random(settings.seed() * 31 + process);
        running.add(
            clients.submit(() -> runClient(processId, random, registers, history, settings)));
      }
      for (Future<?> each : running) {
        each.get();
      }
    } finally {
      clients.shutdownNow();
    }
    return history.events();
  }

  private static void runClient(
      long process,
      Random random,
      RegisterClient registers,
      HistoryRecorder history,
      Settings settings) {
    for (int i = 0; i < settings.operationsPerProcess(); i++) {
      String key = "k" + random.nextInt(settings.keys());
      long value = random.nextInt(settings.values());
      int choice = random.nextInt(4);
      if (choice < 2) {
        Op invocation = history.invoked(invoke(process, RegisterOps.READ, null, key));
        history.completed(invocation, registers.read(key));
      } else if (choice == 2) {
        Op invocation = history.invoked(invoke(process, RegisterOps.WRITE, value, key));
        history.completed(invocation, registers.write(key, value));
      } else {
        Long expected = expectedValue(random, settings.values());
        Op invocation =
            history.invoked(invoke(process, RegisterOps.CAS, Arrays.asList(expected, value), key));
        history.completed(invocation, registers.compareAndSet(key, expected, value));
      }
    }
  }

  /** A value of the range, or now and then null: a swap that expects the register absent. */
  private static Long expectedValue(Random random, int values) {
    int drawn = random.nextInt(values + 1);
    return drawn == values ? null : (long) drawn;
  }

  private static Op invoke(long process, Keyword f, Object value, String key) {
    return Op.invoke(process, f, value).onKey(key);
  }
}
