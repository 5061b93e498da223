package io.snakepit.chaos.run;

import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.workload.HistoryRecorder;
import io.snakepit.chaos.workload.Outcome;
import io.snakepit.chaos.workload.Workload;
import io.snakepit.client.SnakepitClient;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * One client thread: invocations one at a time until told to stop. After an operation ends unknown,
 * the thread goes on as a new process (Jepsen's convention), because the unknown one may still take
 * effect while the thread's next operation runs.
 */
final class ClientLoop implements Runnable {

  private final Workload workload;
  private final SnakepitClient client;
  private final HistoryRecorder history;
  private final Random random;
  private final int concurrency;
  private final BooleanSupplier running;
  private long process;

  ClientLoop(
      Workload workload,
      SnakepitClient client,
      HistoryRecorder history,
      long firstProcess,
      int concurrency,
      long seed,
      BooleanSupplier running) {
    this.workload = workload;
    this.client = client;
    this.history = history;
    this.process = firstProcess;
    this.concurrency = concurrency;
    this.random = new Random(seed * 31 + firstProcess);
    this.running = running;
  }

  @Override
  public void run() {
    for (long step = 0; running.getAsBoolean(); step++) {
      Op invocation = history.invoked(workload.next(process, step, random));
      Outcome outcome = workload.apply(client, invocation);
      history.completed(invocation, outcome);
      if (outcome.type() == OpType.INFO) {
        process += concurrency;
      }
    }
  }
}
