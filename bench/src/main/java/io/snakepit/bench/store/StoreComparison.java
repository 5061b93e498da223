package io.snakepit.bench.store;

import io.snakepit.bench.load.ClientCall;
import io.snakepit.bench.load.ClosedLoop;
import io.snakepit.bench.load.LoadSettings;
import io.snakepit.bench.load.StepMeasurement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The store benchmark's workload, the same on every system: record {@code r} (1 KiB) is written and
 * read only by client {@code r}, so that each compare-and-set meets no competing writer and the
 * steps measure the stores' replicated write path, not retries of lost races. Steps go from writes
 * to reads and from few clients to many, alternating between the systems at each, so that a slow
 * drift of the machine weighs on both alike.
 */
final class StoreComparison {

  static final int RECORD_BYTES = 1024;

  /** A smoke run: a few seconds of load that exercise every path, not a measurement. */
  static final LoadSettings QUICK = LoadSettings.quick(List.of(1, 4));

  private final LoadSettings settings;
  private final Consumer<String> progress;

  StoreComparison(LoadSettings settings, Consumer<String> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  ComparisonResult run(List<SystemUnderTest> systems) {
    List<Subject> subjects = new ArrayList<>();
    for (SystemUnderTest system : systems) {
      Subject subject = new Subject(system, new VersionLedger(settings.maxClients()));
      createRecords(subject);
      warmUp(subject);
      subjects.add(subject);
    }
    List<StepResult> steps = new ArrayList<>();
    for (Operation operation : Operation.values()) {
      for (int clients : settings.clients()) {
        for (Subject subject : subjects) {
          StepMeasurement measurement =
              ClosedLoop.run(
                  calls(subject, operation, clients), settings.warmup(), settings.window());
          StepResult step = new StepResult(subject.name(), operation, clients, measurement);
          progress.accept(step.summary());
          steps.add(step);
        }
      }
    }
    List<LedgerCheck> checks =
        subjects.stream()
            .map(subject -> subject.ledger().check(subject.name(), subject.records()))
            .toList();
    checks.forEach(check -> progress.accept(check.summary()));
    return new ComparisonResult(
        systems.stream().map(SystemUnderTest::name).toList(), steps, checks);
  }

  /** Writes every record once, from version 0: what the read steps read exists at every count. */
  private void createRecords(Subject subject) {
    subject.records().prepare(settings.maxClients());
    calls(subject, Operation.COMPARE_AND_SET, settings.maxClients()).forEach(ClientCall::call);
  }

  private void warmUp(Subject subject) {
    progress.accept(subject.name() + ": warming up");
    Duration half = settings.initialWarmup().dividedBy(2);
    for (Operation operation : Operation.values()) {
      ClosedLoop.run(calls(subject, operation, settings.maxClients()), half, Duration.ZERO);
    }
  }

  private static List<ClientCall> calls(Subject subject, Operation operation, int clients) {
    List<ClientCall> calls = new ArrayList<>();
    for (int record = 0; record < clients; record++) {
      calls.add(call(subject, operation, record));
    }
    return calls;
  }

  private static ClientCall call(Subject subject, Operation operation, int record) {
    switch (operation) {
      case COMPARE_AND_SET:
        return new CasWriter(subject.records(), record, value(record), subject.ledger());
      case LINEARIZABLE_READ:
        return new LinearizableReader(subject.records(), record, subject.ledger());
      default:
        throw new IllegalArgumentException("no client for " + operation);
    }
  }

  /** Random bytes, so that no store gains from compressing them; the same on every system. */
  private static byte[] value(int record) {
    byte[] value = new byte[RECORD_BYTES];
    new Random(record).nextBytes(value);
    return value;
  }

  private record Subject(SystemUnderTest system, VersionLedger ledger) {

    String name() {
      return system.name();
    }

    RecordStore records() {
      return system.records();
    }
  }
}
