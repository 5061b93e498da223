package io.snakepit.node.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Stops the nodes {@code cluster up} started: SIGTERM, then SIGKILL after the grace. */
@Command(name = "down", description = "Stops the local cluster 'cluster up' started.")
final class ClusterDownCommand implements Callable<Integer> {

  /** A node drains its calls for shutdown.grace (30 s by default) before it stops. */
  private static final long GRACE_SECONDS = 40;

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".snakepit/cluster",
      description = "The directory given to 'cluster up' (${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    List<LocalCluster.Node> nodes = LocalCluster.read(dir);
    CliOutput output = CliOutput.of(spec);
    if (nodes.isEmpty()) {
      output.line("no cluster was started in " + dir);
      return 0;
    }
    for (LocalCluster.Node node : nodes) {
      node.process().ifPresent(ProcessHandle::destroy);
    }
    for (LocalCluster.Node node : nodes) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
      while (node.process().isPresent() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(100);
      }
      node.process().ifPresent(ProcessHandle::destroyForcibly);
      output.line("stopped node " + node.id() + " (pid " + node.pid() + ")");
    }
    LocalCluster.forget(dir);
    return 0;
  }
}
