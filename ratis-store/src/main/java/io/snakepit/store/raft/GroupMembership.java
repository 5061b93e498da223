package io.snakepit.store.raft;

import io.snakepit.store.Identifiers;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.ReconfigurationTimeoutException;
import org.apache.ratis.protocol.exceptions.SetConfigurationException;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes replicas with Ratis's {@code setConfiguration}, as a compare-and-set on the
 * configuration this replica knows: two changes at once cannot drop each other's member, and a
 * replica that had not seen the latest configuration retries once it has.
 */
final class GroupMembership implements SessionStore.Membership, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupMembership.class);

  /** A replica a change behind catches up within a few heartbeats; then the change is retried. */
  private static final int ATTEMPTS = 5;

  private static final Duration RETRY_SLEEP = Duration.ofMillis(500);

  /** Time enough for a caught-up member to win an election or two. */
  private static final int TRANSFER_ELECTION_TIMEOUTS = 3;

  private interface LocalDivision {
    RaftServer.Division get() throws IOException;
  }

  private final RaftClient client;
  private final LocalDivision local;
  private final CompletableFuture<String> removed;
  private final Duration transferTimeout;

  GroupMembership(
      RaftClient client,
      LocalDivision local,
      CompletableFuture<String> removed,
      Duration electionTimeoutMax) {
    this.client = client;
    this.local = local;
    this.removed = removed;
    this.transferTimeout = electionTimeoutMax.multipliedBy(TRANSFER_ELECTION_TIMEOUTS);
  }

  static GroupMembership of(
      RaftClient client,
      RaftServer server,
      SessionStateMachine machine,
      Duration electionTimeoutMax) {
    return new GroupMembership(
        client,
        () -> server.getDivision(RaftSetup.GROUP_ID),
        machine.removal(),
        electionTimeoutMax);
  }

  @Override
  public SortedMap<String, String> members() {
    return toMap(currentPeers());
  }

  @Override
  public SortedMap<String, String> add(String memberId, String address) {
    Identifiers.checkName("member id", memberId);
    try {
      RaftStoreConfig.checkAddress(memberId, address);
    } catch (IllegalArgumentException e) {
      throw new StoreException.InvalidArgument(e.getMessage());
    }
    UnaryOperator<List<RaftPeer>> withNew =
        current -> {
          for (RaftPeer peer : current) {
            if (peer.getId().toString().equals(memberId)) {
              throw new StoreException.AlreadyExists(
                  memberId + " is a member already, at " + peer.getAddress());
            }
            if (address.equals(peer.getAddress())) {
              throw new StoreException.InvalidArgument(
                  "member " + peer.getId() + " has the address " + address + " already");
            }
          }
          List<RaftPeer> next = new ArrayList<>(current);
          next.add(RaftPeer.newBuilder().setId(memberId).setAddress(address).build());
          return next;
        };
    String what = "add " + memberId + " at " + address;
    try {
      return change(what, withNew);
    } catch (StoreException.Unavailable notCaughtUp) {
      if (find(notCaughtUp, ReconfigurationTimeoutException.class).isEmpty()) {
        throw notCaughtUp;
      }
      // A leader that had this id in its group before, through a removal it did not lead from
      // start to end, can keep offering it entries past what a replica with an emptied disk has
      // (RATIS-2523). A new leader starts afresh: hand over once and try again.
      Optional<String> heir = anotherMemberThanTheLeader();
      if (heir.isEmpty()) {
        throw notCaughtUp;
      }
      LOG.warn(
          "{} did not catch up; handing the leadership to {} and adding it once more",
          memberId,
          heir.get());
      transferLeadership(heir.get());
      return change(what, withNew);
    }
  }

  /** A member to hand the leadership to; empty while no leader is known. */
  private Optional<String> anotherMemberThanTheLeader() {
    RaftPeerId leader;
    try {
      leader = local.get().getInfo().getLeaderId();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (leader == null) {
      return Optional.empty();
    }
    return currentPeers().stream()
        .map(RaftPeer::getId)
        .filter(id -> !id.equals(leader))
        .map(RaftPeerId::toString)
        .findFirst();
  }

  @Override
  public SortedMap<String, String> remove(String memberId) {
    return change(
        "remove " + memberId,
        current -> {
          if (current.stream().noneMatch(peer -> peer.getId().toString().equals(memberId))) {
            throw new StoreException.NotFound(
                memberId + " is not a member; the members are " + toMap(current).keySet());
          }
          if (current.size() == 1) {
            throw new StoreException.FailedPrecondition(
                memberId + " is the group's last member and cannot be removed");
          }
          return current.stream()
              .filter(peer -> !peer.getId().toString().equals(memberId))
              .toList();
        });
  }

  /** Through Ratis's leadership transfer, which catches the member up before it stands. */
  @Override
  public void transferLeadership(String memberId) {
    if (currentPeers().stream().noneMatch(peer -> peer.getId().toString().equals(memberId))) {
      throw new StoreException.NotFound(memberId + " is not a member of the session group");
    }
    String what = "hand the leadership to " + memberId;
    try {
      RaftClientReply reply =
          client
              .admin()
              .transferLeadership(RaftPeerId.valueOf(memberId), transferTimeout.toMillis());
      if (!reply.isSuccess()) {
        throw refused(what, reply.getException());
      }
    } catch (IOException e) {
      throw refused(what, e);
    }
    LOG.info("The session group did {}", what);
  }

  @Override
  public CompletableFuture<String> removed() {
    return removed;
  }

  /**
   * Proposes {@code next} of the current members, as a compare-and-set on them; retried when this
   * replica's configuration was not the leader's (another change, or this replica behind).
   */
  private SortedMap<String, String> change(String what, UnaryOperator<List<RaftPeer>> next) {
    for (int attempt = 1; ; attempt++) {
      List<RaftPeer> current = currentPeers();
      List<RaftPeer> proposed = next.apply(current);
      Optional<Throwable> failure = send(current, proposed);
      if (failure.isEmpty()) {
        LOG.info("The session group committed: {}; members now {}", what, toMap(proposed));
        return toMap(proposed);
      }
      Optional<SetConfigurationException> otherConfiguration =
          find(failure.get(), SetConfigurationException.class);
      if (otherConfiguration.isEmpty() || attempt == ATTEMPTS) {
        throw refused(what, failure.get());
      }
      LOG.info("Retrying '{}': {}", what, otherConfiguration.get().getMessage());
      sleep();
    }
  }

  /** Empty once the group committed the change; otherwise why not. */
  private Optional<Throwable> send(List<RaftPeer> current, List<RaftPeer> proposed) {
    SetConfigurationRequest.Arguments arguments =
        SetConfigurationRequest.Arguments.newBuilder()
            .setServersInCurrentConf(current)
            .setServersInNewConf(proposed)
            .setMode(SetConfigurationRequest.Mode.COMPARE_AND_SET)
            .build();
    try {
      RaftClientReply reply = client.admin().setConfiguration(arguments);
      return reply.isSuccess() ? Optional.empty() : Optional.of(reply.getException());
    } catch (IOException e) {
      return Optional.of(e);
    }
  }

  private static StoreException refused(String what, Throwable failure) {
    String advice =
        find(failure, ReconfigurationTimeoutException.class).isPresent()
            ? " (the new member did not catch up in time: is it running, with store.raft.join,"
                + " and reachable at its address?)"
            : "";
    return new StoreException.Unavailable(
        "the session group did not " + what + ": " + failure.getMessage() + advice, failure);
  }

  /** Ratis's client wraps what the leader answered in its own failures. */
  private static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return Optional.of(type.cast(cause));
      }
    }
    return Optional.empty();
  }

  private List<RaftPeer> currentPeers() {
    try {
      return List.copyOf(local.get().getRaftConf().getCurrentPeers());
    } catch (IOException e) {
      throw new StoreException.Unavailable("this node's session replica is not running", e);
    }
  }

  private static SortedMap<String, String> toMap(List<RaftPeer> peers) {
    SortedMap<String, String> members = new TreeMap<>();
    peers.forEach(peer -> members.put(peer.getId().toString(), peer.getAddress()));
    return Collections.unmodifiableSortedMap(members);
  }

  private static void sleep() {
    try {
      TimeUnit.MILLISECONDS.sleep(RETRY_SLEEP.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException.Unavailable("interrupted while changing the members", e);
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("Closing the session group's admin client failed", e);
    }
  }
}
