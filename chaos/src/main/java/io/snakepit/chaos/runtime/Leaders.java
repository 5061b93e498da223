package io.snakepit.chaos.runtime;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.AdminGrpc;
import io.snakepit.api.v1.GetStoreStatusRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Asks the nodes, through the admin API, which of them leads the Raft group. */
public final class Leaders {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration POLL_EVERY = Duration.ofMillis(250);

  private Leaders() {}

  /** The leader as the first node that knows one reports it; empty while none is known. */
  public static Optional<String> find(Cluster cluster) {
    for (String node : cluster.nodes()) {
      Optional<String> leader = ask(cluster.target(node));
      if (leader.isPresent()) {
        return leader;
      }
    }
    return Optional.empty();
  }

  /** Waits until some node knows a leader: the group can take writes again. */
  public static String await(Cluster cluster, Duration timeout) throws InterruptedException {
    return poll(timeout, "no leader", () -> find(cluster));
  }

  /**
   * Waits until every node knows a leader: each serves its API and has heard from the group, so
   * that clients spread over all of them from their first call.
   */
  public static String awaitEveryNode(Cluster cluster, Duration timeout)
      throws InterruptedException {
    return poll(
        timeout,
        "not every node knew a leader",
        () -> {
          List<Optional<String>> answers =
              cluster.nodes().stream().map(node -> ask(cluster.target(node))).toList();
          return answers.stream().allMatch(Optional::isPresent) ? answers.get(0) : Optional.empty();
        });
  }

  /** Asks again every {@link #POLL_EVERY} until there is an answer or the timeout passed. */
  private static String poll(Duration timeout, String failure, Supplier<Optional<String>> ask)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> answer = ask.get();
      if (answer.isPresent()) {
        return answer.get();
      }
      Thread.sleep(POLL_EVERY.toMillis());
    }
    throw new IllegalStateException(failure + " within " + timeout);
  }

  private static Optional<String> ask(String target) {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      String leader =
          AdminGrpc.newBlockingStub(channel)
              .withDeadlineAfter(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .getStoreStatus(GetStoreStatusRequest.getDefaultInstance())
              .getLeader();
      return leader.isEmpty() ? Optional.empty() : Optional.of(leader);
    } catch (StatusRuntimeException unreachable) {
      return Optional.empty();
    } finally {
      channel.shutdownNow();
    }
  }
}
