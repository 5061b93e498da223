package io.snakepit.chaos.run;

import io.snakepit.chaos.fault.Fault;
import io.snakepit.chaos.fault.FaultLog;
import io.snakepit.chaos.fault.Faults;
import io.snakepit.chaos.fault.Nemesis;
import io.snakepit.chaos.history.HistoryWriter;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.report.Availability;
import io.snakepit.chaos.report.LatencyPlot;
import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.ClusterSpec;
import io.snakepit.chaos.runtime.Directories;
import io.snakepit.chaos.runtime.Leaders;
import io.snakepit.chaos.runtime.RuntimeKind;
import io.snakepit.chaos.workload.CheckReport;
import io.snakepit.chaos.workload.HistoryRecorder;
import io.snakepit.chaos.workload.Outcome;
import io.snakepit.chaos.workload.Workload;
import io.snakepit.chaos.workload.Workloads;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A whole chaos run: start a cluster, run the workload's clients while the nemesis injects faults,
 * heal, read the final state, check the history, and write the history, the report and the plot.
 */
public final class ChaosRun {

  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration RECOVERY = Duration.ofMinutes(2);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

  private final RunSettings settings;
  private final Consumer<String> progress;
  private final Function<List<String>, SnakepitClient> clients;

  /**
   * @param clients opens a client on a list of targets (a test may wrap its channels, e.g. to plant
   *     a bug); the default is the SDK with failover across the targets in their order
   */
  public ChaosRun(
      RunSettings settings,
      Consumer<String> progress,
      Function<List<String>, SnakepitClient> clients) {
    this.settings = settings;
    this.progress = progress;
    this.clients = clients;
  }

  public ChaosRun(RunSettings settings, Consumer<String> progress) {
    this(settings, progress, ChaosRun::sdkClient);
  }

  /** Runs and checks; throws only when the cluster itself cannot be brought up or healed. */
  public RunResult run() throws IOException, InterruptedException {
    Workload workload = Workloads.named(settings.workload(), settings.time());
    RuntimeKind runtime = settings.runtime().resolve(progress);
    emptyDirectory(settings.outDir());
    Fault fault = settings.fault().equals(Faults.NONE) ? null : Faults.named(settings.fault());
    ClusterSpec spec =
        new ClusterSpec(
            settings.nodes(),
            settings.nodeJar(),
            settings.outDir(),
            fault == null ? Set.of() : fault.preloads());
    progress.accept("starting " + settings.nodes() + " nodes (" + runtime + ")");
    try (Cluster cluster = runtime.start(spec)) {
      requireSupport(fault, cluster);
      progress.accept("every node serves; leader: " + Leaders.awaitEveryNode(cluster, RECOVERY));
      prepare(cluster, workload);
      HistoryRecorder history = new HistoryRecorder();
      long start = System.nanoTime();
      FaultLog faults = runClients(cluster, workload, fault, history);
      long clientsEnd = System.nanoTime();
      progress.accept("healed; leader: " + Leaders.await(cluster, RECOVERY) + "; final reads");
      finalReads(cluster, workload, history);
      return finish(
          runtime,
          workload,
          history.events(),
          faults,
          Availability.of(history.events(), faults.applied(), start, clientsEnd),
          start);
    }
  }

  private static void requireSupport(Fault fault, Cluster cluster) {
    if (fault != null && !fault.supports(cluster)) {
      throw new IllegalArgumentException(
          "the fault " + fault.name() + " cannot run on this runtime (or on so few nodes)");
    }
  }

  private void prepare(Cluster cluster, Workload workload) throws InterruptedException {
    try (SnakepitClient client = clients.apply(targets(cluster, 0))) {
      retry(() -> workload.prepare(client));
    }
  }

  private FaultLog runClients(
      Cluster cluster, Workload workload, Fault fault, HistoryRecorder history)
      throws InterruptedException {
    long end = System.nanoTime() + settings.time().toNanos();
    int concurrency = settings.concurrency();
    ExecutorService threads = Executors.newFixedThreadPool(concurrency + 1);
    ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
    List<SnakepitClient> open = new ArrayList<>();
    Nemesis nemesis =
        fault == null
            ? null
            : new Nemesis(fault, cluster, settings.seed(), settings.rhythm(), progress);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int process = 0; process < concurrency; process++) {
        SnakepitClient client = clients.apply(targets(cluster, process));
        open.add(client);
        running.add(
            threads.submit(
                new ClientLoop(
                    workload,
                    client,
                    history,
                    process,
                    concurrency,
                    settings.seed(),
                    () -> System.nanoTime() < end)));
      }
      Future<?> faults = nemesis == null ? null : threads.submit(nemesis);
      reporter.scheduleAtFixedRate(
          () -> progress.accept(Counts.of(history.events()).toString()),
          PROGRESS_EVERY.toMillis(),
          PROGRESS_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
      for (Future<?> each : running) {
        join(each);
      }
      if (nemesis != null) {
        nemesis.stop();
        join(faults);
      }
    } finally {
      reporter.shutdownNow();
      threads.shutdownNow();
      open.forEach(SnakepitClient::close);
    }
    return nemesis == null ? FaultLog.none() : nemesis.log();
  }

  /** Each final read retried until it completes: the cluster is whole again, so it will. */
  private void finalReads(Cluster cluster, Workload workload, HistoryRecorder history)
      throws InterruptedException {
    long process = 1_000_000;
    try (SnakepitClient client = clients.apply(targets(cluster, 0))) {
      long deadline = System.nanoTime() + RECOVERY.toNanos();
      for (Op read : workload.finalReads(process)) {
        Op invocation = read;
        while (true) {
          Op recorded = history.invoked(invocation);
          Outcome outcome = workload.apply(client, recorded);
          history.completed(recorded, outcome);
          if (outcome.type() != OpType.INFO || System.nanoTime() > deadline) {
            break;
          }
          Thread.sleep(200);
          invocation = new Op(++process, read.type(), read.f(), read.value(), null, read.key());
        }
      }
    }
  }

  private RunResult finish(
      RuntimeKind runtime,
      Workload workload,
      List<Op> events,
      FaultLog faults,
      Availability availability,
      long start)
      throws IOException {
    Path historyFile = settings.outDir().resolve("history.edn");
    try (Writer out = Files.newBufferedWriter(historyFile, StandardCharsets.UTF_8)) {
      HistoryWriter writer = new HistoryWriter(out);
      for (Op op : events) {
        writer.append(op);
      }
    }
    progress.accept("checking " + events.size() + " events");
    CheckReport check = workload.check(events);
    Path plot = settings.outDir().resolve("latency.png");
    LatencyPlot.write(events, faults.applied(), start, plot);
    return new RunResult(
        settings,
        runtime,
        Counts.of(events),
        faults,
        availability,
        check,
        start,
        historyFile,
        plot);
  }

  /**
   * A run starts from nothing: a process node would otherwise reopen the data an earlier run left
   * in the same directory, and its history would begin with values nobody wrote.
   */
  private static void emptyDirectory(Path dir) throws IOException {
    Directories.deleteTree(dir);
    Files.createDirectories(dir);
  }

  /** Every node, starting at a different one for each process so that load spreads. */
  private static List<String> targets(Cluster cluster, int process) {
    List<String> targets = new ArrayList<>();
    cluster.nodes().forEach(node -> targets.add(cluster.target(node)));
    Collections.rotate(targets, -(process % targets.size()));
    return targets;
  }

  private static SnakepitClient sdkClient(List<String> targets) {
    return SnakepitClient.builder().targets(targets).defaultTimeout(CLIENT_TIMEOUT).build();
  }

  private static void retry(Runnable call) throws InterruptedException {
    long deadline = System.nanoTime() + RECOVERY.toNanos();
    while (true) {
      try {
        call.run();
        return;
      } catch (SnakepitException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(500);
      }
    }
  }

  private static void join(Future<?> future) throws InterruptedException {
    try {
      future.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a client or the nemesis failed", e.getCause());
    }
  }
}
