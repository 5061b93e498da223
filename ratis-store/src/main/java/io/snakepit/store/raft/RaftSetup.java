package io.snakepit.store.raft;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.ReconfigurationInProgressException;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.retry.ExceptionDependentRetry;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Translates a {@link RaftStoreConfig} into Ratis's group and properties, in one place. */
final class RaftSetup {

  /** Every cluster has one session group; its id is fixed so that restarts find their storage. */
  static final RaftGroupId GROUP_ID =
      RaftGroupId.valueOf(
          UUID.nameUUIDFromBytes("snakepit-sessions".getBytes(StandardCharsets.UTF_8)));

  /**
   * Above the largest record the store accepts ({@code StoreLimits}); below the log's write buffer
   * (8 MB by default), which must hold a whole append. gRPC messages must be larger than an append,
   * or the transport refuses a full one.
   */
  private static final SizeInBytes APPENDER_BYTE_LIMIT = SizeInBytes.valueOf("4MB");

  static final SizeInBytes GRPC_MESSAGE_SIZE_MAX = SizeInBytes.valueOf("8MB");

  /** Per attempt; the retry policy bounds the attempts. */
  private static final Duration CLIENT_ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  private static final Duration CLIENT_RETRY_SLEEP = Duration.ofMillis(100);

  private static final int INSTALL_CHUNK_TIMEOUTS = 5;

  /** Ratis's default when the maximum election timeout was twice the minimum. */
  private static final int STAGING_ELECTION_TIMEOUTS = 6;

  private static final int ADMIN_ATTEMPTS = 10;

  private RaftSetup() {}

  /**
   * The group as this replica starts with it. A joining replica starts with no members at all, on
   * purpose (Ratis refuses a group given with members that lack the replica itself).
   *
   * <p>Ratis 3.3.0 starts a replica whose configuration lacks it "with initializing state": a
   * follower without an election timer, which only waits for a leader's appends (or snapshot) to
   * bring a configuration that has it. Had it started with itself in the configuration, it would
   * run elections the members reject (the candidate is not in their configuration, and its log is
   * behind); with pre-vote on (the default) those rejections do not raise its term, but without it
   * the term would climb and, once added, the new member's higher term would depose the leader. A
   * replica restarted from its storage takes the configuration stored there instead, so a joined
   * node may keep its join setting.
   */
  static RaftGroup serverGroup(RaftStoreConfig config) {
    return config.join() ? RaftGroup.valueOf(GROUP_ID) : clientGroup(config);
  }

  /** Where this node's clients look for the leader: every peer but a joining replica itself. */
  static RaftGroup clientGroup(RaftStoreConfig config) {
    return groupOf(
        config.join()
            ? config.peers().entrySet().stream()
                .filter(peer -> !peer.getKey().equals(config.selfId()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))
            : config.peers());
  }

  static RaftGroup groupOf(Map<String, String> members) {
    List<RaftPeer> peers =
        members.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(peer -> RaftPeer.newBuilder().setId(peer.getKey()).setAddress(peer.getValue()))
            .map(RaftPeer.Builder::build)
            .toList();
    return RaftGroup.valueOf(GROUP_ID, peers);
  }

  static RaftProperties serverProperties(RaftStoreConfig config, ReplicaNetwork network) {
    RaftProperties properties = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(properties, List.of(config.raftDir().toFile()));
    network.bindHost().ifPresent(host -> GrpcConfigKeys.Server.setHost(properties, host));
    GrpcConfigKeys.Server.setPort(properties, config.selfPort());
    GrpcConfigKeys.setMessageSizeMax(properties, GRPC_MESSAGE_SIZE_MAX);
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(properties, APPENDER_BYTE_LIMIT);

    RaftServerConfigKeys.Rpc.setTimeoutMin(properties, time(config.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(properties, time(config.electionTimeoutMax()));
    // A new member's catch-up (often a whole snapshot) may take this long before an addition gives
    // up; Ratis's default, three maximum election timeouts, shrinks with a narrow election spread.
    RaftServerConfigKeys.setStagingTimeout(
        properties, time(config.electionTimeoutMin().multipliedBy(STAGING_ELECTION_TIMEOUTS)));
    // A follower that does not take a snapshot chunk for several election timeouts is as good as
    // gone; the default (the server's request timeout) holds a failed install for many seconds.
    GrpcConfigKeys.Server.setInstallSnapshotRequestTimeout(
        properties, time(config.electionTimeoutMax().multipliedBy(INSTALL_CHUNK_TIMEOUTS)));

    // Lease reads are Ratis's: within the lease the leader answers at once, else after its
    // ReadIndex. Linearizable reads are answered by the leader alone (followers refuse them, and
    // the client finds the leader) from what it applied, which holds every write acknowledged
    // before (a leader serves once it applied all its predecessors committed), once it confirmed
    // that it still leads (readConfirmation).
    RaftServerConfigKeys.Read.setOption(
        properties,
        config.leaseReads()
            ? RaftServerConfigKeys.Read.Option.LINEARIZABLE
            : RaftServerConfigKeys.Read.Option.DEFAULT);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(properties, config.leaseReads());

    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, config.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, CheckpointStorage.MIN_RETAINED);
    // Purge the log up to each snapshot; a follower that needs older entries gets the snapshot.
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
    RaftServerConfigKeys.Log.setPurgeGap(
        properties, (int) Math.min(Integer.MAX_VALUE, config.snapshotThreshold()));
    RaftServerConfigKeys.Log.setSegmentSizeMax(
        properties, SizeInBytes.valueOf(config.logSegmentSizeMax()));
    // Ratis would append an entry recording the commit index after every commit, so that a
    // restarted replica could apply before it hears from a leader. That doubles the entries each
    // write replicates and fsyncs; a restarted replica learns the commit index from the leader's
    // first append instead, and no read is answered before a leader confirms it anyway.
    RaftServerConfigKeys.Log.setLogMetadataEnabled(properties, false);
    return properties;
  }

  /**
   * What a replica waits for before it answers a read. Not Ratis's ReadIndex for linearizable
   * reads, because Ratis 3.3.0 lets a leader cut off from its majority answer them from what it had
   * ({@link LeadershipConfirmation}).
   */
  static ReadConfirmation readConfirmation(RaftStoreConfig config, ReplicaChannels replicas) {
    if (config.leaseReads()) {
      return ReadConfirmation.BY_RATIS;
    }
    return new LeadershipConfirmation(replicas, config.electionTimeoutMax());
  }

  static RaftProperties clientProperties(RaftStoreConfig config) {
    RaftProperties properties = new RaftProperties();
    GrpcConfigKeys.setMessageSizeMax(properties, GRPC_MESSAGE_SIZE_MAX);
    RaftClientConfigKeys.Rpc.setRequestTimeout(properties, time(clientAttemptTimeout(config)));
    return properties;
  }

  /** How long one attempt of a call waits for an answer before it is tried again. */
  static Duration clientAttemptTimeout(RaftStoreConfig config) {
    return config.requestTimeout().compareTo(CLIENT_ATTEMPT_TIMEOUT) < 0
        ? config.requestTimeout()
        : CLIENT_ATTEMPT_TIMEOUT;
  }

  /**
   * A membership change's attempt waits for the new member to catch up and the change to commit.
   */
  static RaftProperties adminClientProperties(RaftStoreConfig config) {
    RaftProperties properties = new RaftProperties();
    GrpcConfigKeys.setMessageSizeMax(properties, GRPC_MESSAGE_SIZE_MAX);
    RaftClientConfigKeys.Rpc.setRequestTimeout(properties, time(config.requestTimeout()));
    return properties;
  }

  /**
   * Enough to find the leader. A change the leader refused (another configuration, a new member
   * that did not catch up, a change already running) is not retried here: the membership decides.
   */
  static RetryPolicy adminRetryPolicy() {
    RetryPolicy noRetry = RetryPolicies.noRetry();
    return ExceptionDependentRetry.newBuilder()
        .setDefaultPolicy(
            RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                ADMIN_ATTEMPTS, time(CLIENT_RETRY_SLEEP.multipliedBy(2))))
        .setExceptionToPolicy(SetConfigurationException.class, noRetry)
        .setExceptionToPolicy(ReconfigurationTimeoutException.class, noRetry)
        .setExceptionToPolicy(ReconfigurationInProgressException.class, noRetry)
        .setMaxAttempts(ADMIN_ATTEMPTS)
        .build();
  }

  /**
   * Bounded, because Ratis's default retries forever without sleeping: no attempt starts after the
   * request timeout. A count alone would not do: attempts that go unanswered (a replica behind a
   * partition) each take the attempt timeout, and a node cut off from its majority would then hold
   * a call for the count times that (minutes) instead of failing it.
   *
   * <p>The first retry goes at once: it mostly follows "not the leader, try L", and Ratis's client
   * has already turned to L. Later ones sleep, so that a group without a leader is not hammered.
   */
  static RetryPolicy retryPolicy(RaftStoreConfig config) {
    int attempts =
        (int) Math.max(1, config.requestTimeout().toMillis() / CLIENT_RETRY_SLEEP.toMillis());
    RetryPolicy sleepBetweenTries =
        new FirstRetryAtOnce(
            RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts, time(CLIENT_RETRY_SLEEP)));
    RequestTypeDependentRetryPolicy.Builder policy = RequestTypeDependentRetryPolicy.newBuilder();
    for (RaftClientRequestProto.TypeCase type : RaftClientRequestProto.TypeCase.values()) {
      policy
          .setRetryPolicy(type, sleepBetweenTries)
          .setTimeout(type, time(config.requestTimeout()));
    }
    return policy.build();
  }

  private static TimeDuration time(Duration duration) {
    return TimeDuration.valueOf(duration.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Retries a call's first failure without sleeping, then as {@code then} says. */
  private record FirstRetryAtOnce(RetryPolicy then) implements RetryPolicy {

    @Override
    public Action handleAttemptFailure(Event event) {
      return event.getAttemptCount() <= 1
          ? RETRY_WITHOUT_SLEEP_ACTION
          : then.handleAttemptFailure(event);
    }

    @Override
    public String toString() {
      return "FirstRetryAtOnce(then " + then + ")";
    }
  }
}
