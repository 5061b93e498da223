package io.snakepit.bench;

import io.grpc.Deadline;
import io.snakepit.node.config.NodeConfigLoader;
import io.snakepit.node.config.PoolConfig;
import io.snakepit.node.config.StartMethod;
import io.snakepit.node.runtime.PythonRuntime;
import io.snakepit.node.runtime.RunDirectory;
import io.snakepit.node.worker.UnaryAnswer;
import io.snakepit.node.worker.Worker;
import io.snakepit.node.worker.WorkerChannels;
import io.snakepit.node.worker.WorkerLaunchSpec;
import io.snakepit.node.worker.WorkerLauncher;
import io.snakepit.node.worker.WorkerRegistry;
import io.snakepit.worker.v1.ExecuteRequest;
import io.snakepit.worker.v1.ExecuteResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Starts a pool's worth of workers the way a node's pool does (every launch at once, through the
 * node's {@link WorkerLauncher}, with the node's two launch threads), times them until each has
 * answered a call, reads their memory, and stops them. Each start has a launcher of its own, so a
 * forked start includes its fork server's start and import of the adapter.
 */
final class WorkerStarts implements AutoCloseable {

  private static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final ExecuteRequest PING = ExecuteRequest.newBuilder().setTool("ping").build();

  private final PoolConfig defaults;
  private final RunDirectory run;
  private final Path runtime;
  private final WorkerChannels channels;
  private final ExecutorService launchExecutor = Executors.newFixedThreadPool(2);
  private final WorkerRegistry registry;
  private int starts;

  WorkerStarts() {
    Path dir;
    try {
      dir = Files.createTempDirectory("snakepit-start-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    defaults = NodeConfigLoader.load(Optional.empty(), Map.of(), Map.of()).config().pool();
    run = RunDirectory.create(dir.resolve("run"), "bench", new SecureRandom());
    runtime = PythonRuntime.unpackInto(run.path().resolve("python"));
    channels = new WorkerChannels(run.secret(), MAX_MESSAGE_BYTES, 2);
    registry = WorkerRegistry.in(dir.resolve("workers"), run.runId());
  }

  /** Starts {@code workers} workers by {@code method}, measures them, and stops them. */
  StartSample measure(StartMethod method, int workers) {
    int start = ++starts;
    try (WorkerLauncher launcher = new WorkerLauncher(channels, launchExecutor, registry)) {
      long began = System.nanoTime();
      List<CompletableFuture<Worker>> launches =
          IntStream.range(0, workers)
              .mapToObj(i -> launcher.launch(spec(method, start, i)))
              .toList();
      List<Worker> started = launches.stream().map(CompletableFuture::join).toList();
      started.stream().map(WorkerStarts::ping).toList().forEach(CompletableFuture::join);
      Duration untilAllAnswer = Duration.ofNanos(System.nanoTime() - began);
      StartSample sample =
          new StartSample(
              method,
              workers,
              untilAllAnswer,
              started.stream().map(worker -> ProcessMemory.of(worker.pid())).toList(),
              forkServerMemory(method, started.get(0)));
      started.parallelStream().forEach(worker -> worker.stop(5_000));
      return sample;
    }
  }

  @Override
  public void close() {
    channels.close();
    launchExecutor.shutdownNow();
    run.close();
  }

  private WorkerLaunchSpec spec(StartMethod method, int start, int index) {
    String workerId = "s" + start + "-w" + index;
    return new WorkerLaunchSpec(
        "start-" + start,
        workerId,
        defaults.python(),
        runtime,
        List.of(),
        defaults.adapter(),
        run.socket(workerId),
        run.socket("no-node"),
        run.runId(),
        run.secret(),
        MAX_MESSAGE_BYTES,
        START_TIMEOUT,
        method,
        1);
  }

  private static Optional<ProcessMemory> forkServerMemory(StartMethod method, Worker worker) {
    if (method != StartMethod.FORK) {
      return Optional.empty();
    }
    return ProcessHandle.of(worker.pid())
        .flatMap(ProcessHandle::parent)
        .map(forkServer -> ProcessMemory.of(forkServer.pid()));
  }

  private static CompletableFuture<ExecuteResponse> ping(Worker worker) {
    UnaryAnswer<ExecuteResponse> answer = new UnaryAnswer<>();
    worker.execute(PING, Deadline.after(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), answer);
    return answer.future();
  }
}
