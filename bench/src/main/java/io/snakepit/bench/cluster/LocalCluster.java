package io.snakepit.bench.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * The member processes of one cluster on this machine and the loopback ports their clients call:
 * started together, awaited until each answers, stopped together (also when the benchmark's JVM is
 * stopped with Ctrl-C, so that no server outlives a run and weighs on the next).
 */
public final class LocalCluster implements AutoCloseable {

  /**
   * How long a cluster may take until every member answers: three JVMs and their Python workers
   * start on two cores, then elect a leader.
   */
  public static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final List<LocalProcess> members;
  private final List<Integer> clientPorts;
  private final Thread stopOnExit;

  private LocalCluster(List<LocalProcess> members, List<Integer> clientPorts) {
    this.members = List.copyOf(members);
    this.clientPorts = List.copyOf(clientPorts);
    this.stopOnExit = new Thread(this::stopMembers, "stop-local-cluster");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /**
   * Starts member {@code i} with {@code startMember.apply(i)} for each client port, in order; if
   * one cannot start, stops those that did.
   */
  public static LocalCluster start(
      List<Integer> clientPorts, IntFunction<LocalProcess> startMember) {
    List<LocalProcess> members = new ArrayList<>();
    try {
      for (int member = 0; member < clientPorts.size(); member++) {
        members.add(startMember.apply(member));
      }
    } catch (RuntimeException e) {
      new LocalCluster(members, clientPorts.subList(0, members.size())).close();
      throw e;
    }
    return new LocalCluster(members, clientPorts);
  }

  /** {@code 127.0.0.1:port} of each member's client API, in member order. */
  public List<String> clientAddresses() {
    return clientPorts.stream().map(port -> "127.0.0.1:" + port).toList();
  }

  /**
   * Waits until {@code probe} succeeds for every member index, that is until each member answers
   * for the cluster; the probe throws while it cannot.
   *
   * @throws IllegalStateException when a member exits or does not answer in time, with its output
   */
  public void awaitAnswers(Duration timeout, IntConsumer probe) {
    Instant deadline = Instant.now().plus(timeout);
    for (int member = 0; member < members.size(); member++) {
      awaitAnswer(member, deadline, probe);
    }
  }

  @Override
  public void close() {
    stopMembers();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException e) {
      // the JVM is already stopping: the hook runs anyway and finds nothing left to stop
    }
  }

  private void awaitAnswer(int member, Instant deadline, IntConsumer probe) {
    LocalProcess process = members.get(member);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("exited while starting: " + process.describe());
      }
      try {
        probe.accept(member);
        return;
      } catch (RuntimeException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("did not answer in time: " + process.describe(), e);
        }
      }
      pause();
    }
  }

  private void stopMembers() {
    members.forEach(LocalProcess::terminate);
    members.forEach(member -> member.awaitExit(STOP_GRACE));
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a cluster started", e);
    }
  }
}
