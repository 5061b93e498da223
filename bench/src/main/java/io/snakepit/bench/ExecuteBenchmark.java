package io.snakepit.bench;

import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.worker.v1.ExecuteRequest;
import io.snakepit.worker.v1.WorkerGrpc;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code ping} through the node's Execute API against the same call made directly to a worker's
 * socket (the floor). Run with {@code -t 1} and {@code -t 16}; {@link BenchMain} does both.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExecuteBenchmark {

  /** One node and one set of direct workers per run, shared by every benchmark thread. */
  @State(Scope.Benchmark)
  public static class Targets {
    @Param("2")
    public int workers;

    PingTargets targets;
    final AtomicInteger threadCount = new AtomicInteger();

    @Setup(Level.Trial)
    public void start() {
      targets = new PingTargets(workers);
    }

    @TearDown(Level.Trial)
    public void stop() {
      targets.close();
    }
  }

  /** Each thread keeps its own stubs; direct calls spread threads over the workers. */
  @State(Scope.Thread)
  public static class Caller {
    SnakepitGrpc.SnakepitBlockingStub node;
    WorkerGrpc.WorkerBlockingStub direct;

    @Setup(Level.Trial)
    public void connect(Targets shared) {
      node = shared.targets.node();
      direct = shared.targets.direct(shared.threadCount.getAndIncrement());
    }
  }

  private static final io.snakepit.api.v1.ExecuteRequest NODE_PING =
      io.snakepit.api.v1.ExecuteRequest.newBuilder().setTool("ping").build();
  private static final ExecuteRequest DIRECT_PING =
      ExecuteRequest.newBuilder().setTool("ping").build();

  @Benchmark
  public Object viaNode(Caller caller) {
    return caller.node.withDeadlineAfter(10, TimeUnit.SECONDS).execute(NODE_PING);
  }

  @Benchmark
  public Object directToWorker(Caller caller) {
    return caller.direct.withDeadlineAfter(10, TimeUnit.SECONDS).execute(DIRECT_PING);
  }
}
