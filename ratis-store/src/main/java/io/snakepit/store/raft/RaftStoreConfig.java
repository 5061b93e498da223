package io.snakepit.store.raft;

import io.snakepit.store.StoreLimits;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * How one node runs its replica of the session group and talks to the group.
 *
 * @param peers every member of the group: peer id to {@code host:port} of its Raft (gRPC) endpoint
 * @param selfId this node's peer id, one of {@code peers}
 * @param storageDir this replica's directory: the Raft log and snapshots, and the live database
 * @param electionTimeoutMin a follower that hears no leader for a random time between min and max
 *     starts an election; on shared or small machines keep min around 1 s. Ratis's follower looks
 *     only after sleeping such a time, so it notices a lost leader up to twice max late: keep max
 *     close to min, but not too close (the node uses half as much again; see its StoreConfig)
 * @param electionTimeoutMax see {@code electionTimeoutMin}
 * @param snapshotThreshold log entries applied since the last snapshot that trigger the next one;
 *     the log up to a snapshot is then purged
 * @param logSegmentSizeMax size at which a log segment is closed; only closed segments are purged
 * @param leaseReads serve reads from the leader's lease instead of confirming its leadership first:
 *     faster, but linearizable only while clocks drift less than the lease margin; past the lease,
 *     Ratis's ReadIndex lets a cut-off leader answer stale reads until it steps down
 * @param requestTimeout roughly how long a call waits for the group (no leader yet, leader
 *     changing) before it fails with {@code StoreException.Unavailable}
 * @param touchFlushInterval how often coalesced access times are proposed, one log entry each time
 * @param clock this node's wall clock: the time it stamps into what it proposes, and the time it
 *     stamps into entries while it leads, as far as {@code monotonicNanos} vouches for it
 * @param monotonicNanos a clock that only measures time passing ({@link System#nanoTime}): how far
 *     a leader may move the group's time on from the last it knew ({@link LeaderTime})
 * @param limits record sizes the store accepts
 * @param join this replica is not yet a member: it starts outside the group's configuration and
 *     waits for a member to add it ({@link io.snakepit.store.SessionStore.Membership#add}); the
 *     other peers are the group as it is
 */
public record RaftStoreConfig(
    Map<String, String> peers,
    String selfId,
    Path storageDir,
    Duration electionTimeoutMin,
    Duration electionTimeoutMax,
    long snapshotThreshold,
    long logSegmentSizeMax,
    boolean leaseReads,
    Duration requestTimeout,
    Duration touchFlushInterval,
    Clock clock,
    LongSupplier monotonicNanos,
    StoreLimits limits,
    boolean join) {

  public static final Duration DEFAULT_ELECTION_TIMEOUT_MIN = Duration.ofSeconds(1);
  public static final Duration DEFAULT_ELECTION_TIMEOUT_MAX = Duration.ofMillis(1500);
  public static final long DEFAULT_SNAPSHOT_THRESHOLD = 100_000;
  public static final long DEFAULT_LOG_SEGMENT_SIZE_MAX = 8L * 1024 * 1024;
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_TOUCH_FLUSH_INTERVAL = Duration.ofSeconds(1);

  public RaftStoreConfig {
    peers = Map.copyOf(peers);
    Objects.requireNonNull(selfId, "selfId");
    Objects.requireNonNull(storageDir, "storageDir");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(monotonicNanos, "monotonicNanos");
    Objects.requireNonNull(limits, "limits");
    if (!peers.containsKey(selfId)) {
      throw new IllegalArgumentException("selfId " + selfId + " is not one of the peers " + peers);
    }
    peers.forEach(RaftStoreConfig::checkAddress);
    if (join && peers.size() < 2) {
      throw new IllegalArgumentException(
          "a joining replica needs the peers of the group it joins besides itself: " + peers);
    }
    requirePositive("electionTimeoutMin", electionTimeoutMin);
    requirePositive("requestTimeout", requestTimeout);
    requirePositive("touchFlushInterval", touchFlushInterval);
    if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw new IllegalArgumentException(
          "electionTimeoutMax "
              + electionTimeoutMax
              + " must be above electionTimeoutMin "
              + electionTimeoutMin);
    }
    if (snapshotThreshold < 1 || logSegmentSizeMax < 1) {
      throw new IllegalArgumentException(
          "snapshotThreshold and logSegmentSizeMax must be positive: "
              + snapshotThreshold
              + ", "
              + logSegmentSizeMax);
    }
  }

  /** Defaults for every setting but the group's members and this replica's directory. */
  public static RaftStoreConfig defaults(Map<String, String> peers, String selfId, Path dir) {
    return new RaftStoreConfig(
        peers,
        selfId,
        dir,
        DEFAULT_ELECTION_TIMEOUT_MIN,
        DEFAULT_ELECTION_TIMEOUT_MAX,
        DEFAULT_SNAPSHOT_THRESHOLD,
        DEFAULT_LOG_SEGMENT_SIZE_MAX,
        false,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_TOUCH_FLUSH_INTERVAL,
        Clock.systemUTC(),
        System::nanoTime,
        StoreLimits.DEFAULT,
        false);
  }

  public RaftStoreConfig withElectionTimeouts(Duration min, Duration max) {
    return new RaftStoreConfig(
        peers,
        selfId,
        storageDir,
        min,
        max,
        snapshotThreshold,
        logSegmentSizeMax,
        leaseReads,
        requestTimeout,
        touchFlushInterval,
        clock,
        monotonicNanos,
        limits,
        join);
  }

  public RaftStoreConfig withSnapshots(long threshold, long segmentSizeMax) {
    return new RaftStoreConfig(
        peers,
        selfId,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        threshold,
        segmentSizeMax,
        leaseReads,
        requestTimeout,
        touchFlushInterval,
        clock,
        monotonicNanos,
        limits,
        join);
  }

  public RaftStoreConfig withLeaseReads(boolean enabled) {
    return new RaftStoreConfig(
        peers,
        selfId,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        snapshotThreshold,
        logSegmentSizeMax,
        enabled,
        requestTimeout,
        touchFlushInterval,
        clock,
        monotonicNanos,
        limits,
        join);
  }

  public RaftStoreConfig withRequestTimeout(Duration timeout) {
    return new RaftStoreConfig(
        peers,
        selfId,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        snapshotThreshold,
        logSegmentSizeMax,
        leaseReads,
        timeout,
        touchFlushInterval,
        clock,
        monotonicNanos,
        limits,
        join);
  }

  /**
   * A clock that stands for real time, as a test's does: its passage is trusted too ({@code
   * monotonicNanos} follows it).
   */
  public RaftStoreConfig withClock(Clock newClock) {
    return withClocks(newClock, () -> newClock.millis() * 1_000_000);
  }

  /** A wall clock, which may be wrong, beside a clock that only measures time passing. */
  public RaftStoreConfig withClocks(Clock wall, LongSupplier monotonic) {
    return new RaftStoreConfig(
        peers,
        selfId,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        snapshotThreshold,
        logSegmentSizeMax,
        leaseReads,
        requestTimeout,
        touchFlushInterval,
        wall,
        monotonic,
        limits,
        join);
  }

  public RaftStoreConfig withTouchFlushInterval(Duration interval) {
    return new RaftStoreConfig(
        peers,
        selfId,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        snapshotThreshold,
        logSegmentSizeMax,
        leaseReads,
        requestTimeout,
        interval,
        clock,
        monotonicNanos,
        limits,
        join);
  }

  public RaftStoreConfig withJoin(boolean joining) {
    return new RaftStoreConfig(
        peers,
        selfId,
        storageDir,
        electionTimeoutMin,
        electionTimeoutMax,
        snapshotThreshold,
        logSegmentSizeMax,
        leaseReads,
        requestTimeout,
        touchFlushInterval,
        clock,
        monotonicNanos,
        limits,
        joining);
  }

  /** The Raft log, its metadata and the snapshots (which Ratis may replace wholesale). */
  Path raftDir() {
    return storageDir.resolve("raft");
  }

  /** The live database: outside {@link #raftDir()}, so that installing a snapshot leaves it. */
  Path databaseDir() {
    return storageDir.resolve("db");
  }

  int selfPort() {
    String address = peers.get(selfId);
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  static void checkAddress(String peerId, String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 1 || !address.substring(colon + 1).matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException(
          "peer " + peerId + " needs an address of the form host:port but has '" + address + "'");
    }
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
