package io.snakepit.chaos.runtime;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.AddMemberRequest;
import io.snakepit.api.v1.AdminGrpc;
import io.snakepit.api.v1.GetStoreStatusRequest;
import io.snakepit.api.v1.RemoveMemberRequest;
import io.snakepit.api.v1.StoreMember;
import io.snakepit.api.v1.StoreStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Changes and watches the Raft group's membership through the nodes' admin API, as an operator does
 * with {@code snakepit cluster add}, {@code cluster remove} and {@code cluster status}. Every call
 * is retried on other nodes while the group cannot answer (an election, a change in progress, a
 * node that is down), until its deadline.
 */
public final class Members {

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

  /** One attempt of a change: an add waits for the new member to catch up first. */
  private static final Duration CHANGE_ATTEMPT = Duration.ofSeconds(30);

  private static final long RETRY_MILLIS = 500;

  /** How long a caught-up group must stay so before it counts as healed. */
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private Members() {}

  /** How a change ended. */
  public enum Outcome {
    /** This call made the change. */
    DONE,
    /**
     * The group was already so: an earlier attempt that timed out had made it (removing a
     * non-member, adding a member).
     */
    ALREADY
  }

  /**
   * Removes {@code node} from the group, asking each of {@code via} in turn.
   *
   * @throws IllegalStateException when no node made the change before {@code timeout}
   */
  public static Outcome remove(Cluster cluster, String node, List<String> via, Duration timeout)
      throws InterruptedException {
    return change(
        cluster,
        via,
        timeout,
        "remove " + node,
        Status.Code.NOT_FOUND,
        admin -> admin.removeMember(RemoveMemberRequest.newBuilder().setId(node).build()));
  }

  /**
   * Adds {@code node} (running with {@code store.raft.join}) to the group at its Raft address,
   * asking each of {@code via} in turn.
   *
   * @throws IllegalStateException when no node made the change before {@code timeout}
   */
  public static Outcome add(Cluster cluster, String node, List<String> via, Duration timeout)
      throws InterruptedException {
    return change(
        cluster,
        via,
        timeout,
        "add " + node,
        Status.Code.ALREADY_EXISTS,
        admin ->
            admin.addMember(
                AddMemberRequest.newBuilder()
                    .setId(node)
                    .setRaftAddress(cluster.raftAddress(node))
                    .build()));
  }

  /** The group's member ids as the first node that answers knows them; empty when none answers. */
  public static Optional<Set<String>> current(Cluster cluster) {
    for (String node : cluster.nodes()) {
      Optional<StoreStatus> status = status(cluster.target(node));
      if (status.isPresent() && status.get().getMembersCount() > 0) {
        return Optional.of(ids(status.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * Waits until the leader's configuration holds exactly {@code expected}, every member reports to
   * the leader a commit index at least the one the leader had when it first held them all (none
   * left behind: RATIS-2523 leaves a stuck follower's index where it was), and every member, asked
   * itself, answers and has applied that far; and until all of that still holds {@link #SETTLE}
   * later, so that a member that stops itself while catching up (it took an old configuration for
   * its removal) is caught.
   *
   * @throws IllegalStateException with the last status seen when that does not happen in time
   */
  public static void awaitCaughtUp(Cluster cluster, Set<String> expected, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long goal = -1;
    long holdingSince = -1;
    String last = "no leader answered";
    while (System.nanoTime() < deadline) {
      boolean holds = false;
      Optional<StoreStatus> leader = Leaders.find(cluster).flatMap(id -> leaderStatus(cluster, id));
      if (leader.isPresent()) {
        StoreStatus status = leader.get();
        last = describe(status);
        if (ids(status).equals(new TreeSet<>(expected))) {
          if (goal < 0) {
            goal = status.getCommitIndex();
          }
          long target = goal;
          boolean reported =
              status.getMembersList().stream()
                  .allMatch(m -> m.hasCommitIndex() && m.getCommitIndex() >= target);
          Optional<String> behind =
              reported ? notApplied(cluster, expected, goal) : Optional.empty();
          if (reported && behind.isEmpty()) {
            holds = true;
          } else if (behind.isPresent()) {
            last = last + "; " + behind.get();
          }
        }
      }
      if (!holds) {
        holdingSince = -1;
      } else if (holdingSince < 0) {
        holdingSince = System.nanoTime();
      } else if (System.nanoTime() - holdingSince >= SETTLE.toNanos()) {
        return;
      }
      Thread.sleep(RETRY_MILLIS);
    }
    throw new IllegalStateException(
        "the group did not hold "
            + new TreeSet<>(expected)
            + " all caught up"
            + (goal < 0 ? "" : " to index " + goal)
            + " within "
            + timeout
            + "; last seen: "
            + last);
  }

  /** The first member that, asked itself, does not answer or has not applied up to {@code goal}. */
  private static Optional<String> notApplied(Cluster cluster, Set<String> members, long goal) {
    for (String node : members) {
      Optional<StoreStatus> own = status(cluster.target(node));
      if (own.isEmpty()) {
        return Optional.of(node + " does not answer");
      }
      if (own.get().getAppliedIndex() < goal) {
        return Optional.of(node + " applied only up to " + own.get().getAppliedIndex());
      }
    }
    return Optional.empty();
  }

  /** The leader's own status, asked of the leader itself: only it knows every member's index. */
  private static Optional<StoreStatus> leaderStatus(Cluster cluster, String leader) {
    if (!cluster.nodes().contains(leader)) {
      return Optional.empty();
    }
    return status(cluster.target(leader))
        .filter(status -> status.getSelf().equals(status.getLeader()));
  }

  private static Set<String> ids(StoreStatus status) {
    return status.getMembersList().stream()
        .map(StoreMember::getId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String describe(StoreStatus status) {
    return "leader "
        + status.getLeader()
        + " at commit index "
        + status.getCommitIndex()
        + ", members "
        + status.getMembersList().stream()
            .map(
                m ->
                    m.getId()
                        + "="
                        + (m.hasCommitIndex() ? Long.toString(m.getCommitIndex()) : "?")
                        + (m.getHealthy() ? "" : " (unhealthy)"))
            .collect(Collectors.joining(", ", "[", "]"));
  }

  private static Optional<StoreStatus> status(String target) {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    try {
      return Optional.of(
          AdminGrpc.newBlockingStub(channel)
              .withDeadlineAfter(ASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .getStoreStatus(GetStoreStatusRequest.getDefaultInstance()));
    } catch (StatusRuntimeException unreachable) {
      return Optional.empty();
    } finally {
      channel.shutdownNow();
    }
  }

  /**
   * Asks each node of {@code via} in turn, round and round, until one makes the change or says the
   * group is already so ({@code already}). Unavailable answers and passed deadlines are retried: an
   * attempt that timed out may still have made the change, which the next attempt then reports as
   * {@code already}. Any other refusal is final.
   */
  private static Outcome change(
      Cluster cluster,
      List<String> via,
      Duration timeout,
      String what,
      Status.Code already,
      Function<AdminGrpc.AdminBlockingStub, ?> call)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    StatusRuntimeException lastFailure = null;
    for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
      String node = via.get(attempt % via.size());
      ManagedChannel channel =
          ManagedChannelBuilder.forTarget(cluster.target(node)).usePlaintext().build();
      try {
        call.apply(
            AdminGrpc.newBlockingStub(channel)
                .withDeadlineAfter(CHANGE_ATTEMPT.toMillis(), TimeUnit.MILLISECONDS));
        return Outcome.DONE;
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == already) {
          return Outcome.ALREADY;
        }
        if (code != Status.Code.UNAVAILABLE && code != Status.Code.DEADLINE_EXCEEDED) {
          throw new IllegalStateException("could not " + what + " through " + node, e);
        }
        lastFailure = e;
      } finally {
        channel.shutdownNow();
      }
      Thread.sleep(RETRY_MILLIS);
    }
    throw new IllegalStateException(
        "could not " + what + " within " + timeout + " through any of " + via, lastFailure);
  }
}
