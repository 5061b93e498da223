package io.snakepit.chaos.fault;

import io.snakepit.chaos.runtime.Cluster;
import io.snakepit.chaos.runtime.Members;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Takes one node out of the Raft group and brings it back empty, as an operator replaces a member's
 * disk: remove it through the admin API of another node (the leader half of the time), wait for it
 * to drain and exit (or kill it), empty its data directory, start it with {@code store.raft.join}
 * and add it back through another node, which catches the fresh replica up from a snapshot. The
 * removal happens when the fault is injected; the rest runs on a thread of its own during the
 * fault's window, while the clients go on. Healing waits for that sequence, then until every
 * original member is in the group and has reached the leader's commit index.
 *
 * <p>Removing one node of three or more leaves a majority of the original group; the fault does not
 * remove a node when the group already lacks one.
 */
final class MembershipFault implements Fault {

  /** How long one removal or addition may take, retries through other nodes included. */
  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

  /** How long a removed node may take to drain its calls and exit before it is killed. */
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  /** How long every member may take to be back and caught up once the sequence is over. */
  private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(2);

  /** How long healing waits for the sequence itself: an exit, a node start, an addition. */
  private static final Duration SEQUENCE_TIMEOUT = Duration.ofMinutes(4);

  @Override
  public String name() {
    return "membership";
  }

  /** A group of one or two cannot lose a member and keep a majority of its original size. */
  @Override
  public boolean supports(Cluster cluster) {
    return cluster.nodes().size() >= 3;
  }

  @Override
  public Injection inject(Cluster cluster, Random random) {
    Targets.Target target = Targets.pick(cluster, random);
    List<String> others = new ArrayList<>(cluster.nodes());
    others.remove(target.node());
    Collections.shuffle(others, random);
    Change change = new Change(cluster, target, others);
    change.removeAndStartRejoining();
    return change;
  }

  /** One node's removal and return, and the record of how it went. */
  private static final class Change implements Injection {

    private final Cluster cluster;
    private final Targets.Target target;
    private final List<String> others;
    private final long startNanos = System.nanoTime();
    private final List<String> steps = new ArrayList<>();
    private Thread rejoining;
    private volatile RuntimeException failure;

    Change(Cluster cluster, Targets.Target target, List<String> others) {
      this.cluster = cluster;
      this.target = target;
      this.others = others;
    }

    void removeAndStartRejoining() {
      Optional<Set<String>> members = Members.current(cluster);
      int majority = cluster.nodes().size() / 2 + 1;
      if (members.isEmpty()
          || !members.get().contains(target.node())
          || members.get().size() - 1 < majority) {
        step(
            "did not remove "
                + target.label()
                + ": the group is "
                + members.map(Set::toString).orElse("unknown")
                + ", and removing it could leave less than a majority of "
                + cluster.nodes().size());
        return;
      }
      try {
        Members.remove(cluster, target.node(), others, CHANGE_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while removing " + target.node(), e);
      } catch (IllegalStateException e) {
        // Healing finds out whether the group is whole, and fails the run if it is not.
        step("could not remove " + target.label() + ": " + e.getMessage());
        return;
      }
      step("removed " + target.label() + " through " + others.get(0));
      rejoining = new Thread(this::rejoin, "membership-" + target.node());
      rejoining.setDaemon(true);
      rejoining.start();
    }

    /** Runs on its own thread: the node out, wiped, started joining, added back. */
    private void rejoin() {
      try {
        if (cluster.awaitExit(target.node(), EXIT_TIMEOUT)) {
          step("it exited by itself");
        } else {
          cluster.kill(target.node());
          step("it did not exit within " + EXIT_TIMEOUT.toSeconds() + " s: killed");
        }
        cluster.restartWiped(target.node());
        step("wiped, started joining");
        Members.add(cluster, target.node(), others, CHANGE_TIMEOUT);
        step("added back");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = new IllegalStateException("interrupted while bringing back " + target.node(), e);
      } catch (RuntimeException e) {
        failure = e;
        step("failed: " + e.getMessage());
      }
    }

    @Override
    public synchronized String description() {
      return "membership: " + String.join(", ", steps);
    }

    private synchronized void step(String what) {
      steps.add(
          what
              + String.format(
                  Locale.ROOT, " (%.1f s)", (System.nanoTime() - startNanos) / 1_000_000_000.0));
    }

    @Override
    public void heal() {
      try {
        if (rejoining != null) {
          rejoining.join(SEQUENCE_TIMEOUT.toMillis());
          if (rejoining.isAlive()) {
            throw new IllegalStateException(
                "bringing back " + target.node() + " took over " + SEQUENCE_TIMEOUT);
          }
        }
        if (failure != null) {
          throw new IllegalStateException(
              "could not bring back " + target.node() + ": " + description(), failure);
        }
        Members.awaitCaughtUp(cluster, new LinkedHashSet<>(cluster.nodes()), CATCH_UP_TIMEOUT);
        step("all " + cluster.nodes().size() + " members caught up");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while healing " + description(), e);
      }
    }
  }
}
