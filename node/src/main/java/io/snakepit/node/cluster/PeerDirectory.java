package io.snakepit.node.cluster;

import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.DescribeRequest;
import io.snakepit.api.v1.NodeDescription;
import io.snakepit.api.v1.PeerGrpc;
import io.snakepit.api.v1.PoolDescription;
import io.snakepit.router.Member;
import io.snakepit.router.PoolOffer;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.v1.NodeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster as this node sees it: the nodes registered in the store that are members of the
 * store's group, which of them answer, and what their pools offer. Every poll it reads the registry
 * (registering this node when it is missing or moved), and asks every other node to describe
 * itself; a node that has not answered for {@link #MISSED_POLLS} polls counts as dead.
 *
 * <p>The group's members come from this node's replica, so a node added to or removed from the
 * group joins or leaves the ring as soon as this replica applied the change, while the registry
 * keeps every node that ever registered. Registry ids are node ids and members are Raft ids; they
 * are compared only while this node finds its own id among the members (the default, {@code
 * store.raft.id} = {@code node.id}), and so not while this node waits to join, nor with an embedded
 * store.
 */
public final class PeerDirectory {

  private static final Logger log = LoggerFactory.getLogger(PeerDirectory.class);

  /** Polls a node may miss before it counts as dead: one slow answer is not a death. */
  static final int MISSED_POLLS = 3;

  private record Seen(NodeDescription description, Instant at) {}

  private final String selfId;
  private final Supplier<String> selfAddress;
  private final SessionStore store;
  private final PeerChannels channels;
  private final Supplier<NodeDescription> self;
  private final Duration pollInterval;
  private final Clock clock;
  private final Supplier<Set<String>> groupMembers;
  private volatile List<NodeRecord> registered = List.of();
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /** Registered nodes found answering as another, each warned of once. */
  private final Set<String> misaddressed = ConcurrentHashMap.newKeySet();

  public PeerDirectory(
      String selfId,
      Supplier<String> selfAddress,
      SessionStore store,
      PeerChannels channels,
      Supplier<NodeDescription> self,
      Duration pollInterval,
      Clock clock,
      Supplier<Set<String>> groupMembers) {
    this.selfId = selfId;
    this.selfAddress = selfAddress;
    this.store = store;
    this.channels = channels;
    this.self = self;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.groupMembers = groupMembers;
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  /** One round: refresh the registry, then ask every other node (answers arrive later). */
  public void poll() {
    try {
      List<NodeRecord> nodes = store.nodes();
      if (nodes.stream().noneMatch(this::isSelfAsRegistered)) {
        store.registerNode(selfId, selfAddress.get());
        log.info("registered this node as {} at {}", selfId, selfAddress.get());
        nodes = store.nodes();
      }
      registered = nodes;
    } catch (StoreException e) {
      // Without a majority the registry cannot be read: keep the last one and poll its nodes.
      log.debug("cannot read the node registry: {}", e.getMessage());
    }
    for (NodeRecord node : registered) {
      if (!node.getId().equals(selfId)) {
        describe(node);
      }
    }
  }

  private boolean isSelfAsRegistered(NodeRecord node) {
    return node.getId().equals(selfId) && node.getApiAddress().equals(selfAddress.get());
  }

  private void describe(NodeRecord node) {
    PeerGrpc.newStub(channels.to(node.getApiAddress()))
        .withDeadlineAfter(pollInterval.toMillis(), TimeUnit.MILLISECONDS)
        .describe(
            DescribeRequest.getDefaultInstance(),
            new StreamObserver<>() {
              @Override
              public void onNext(NodeDescription description) {
                if (description.getNodeId().equals(node.getId())) {
                  seen.put(node.getId(), new Seen(description, clock.instant()));
                } else if (misaddressed.add(node.getId() + "@" + node.getApiAddress())) {
                  // Another node answers at the registered address (a wildcard or a reused
                  // address): calls forwarded there would run on the wrong node.
                  log.warn(
                      "node {} registered the address {}, but node '{}' answers there; {} counts"
                          + " as dead until it registers where it serves",
                      node.getId(),
                      node.getApiAddress(),
                      description.getNodeId(),
                      node.getId());
                }
              }

              @Override
              public void onError(Throwable failure) {
                // Silence is how a dead node answers; its last answer ages out.
              }

              @Override
              public void onCompleted() {}
            });
  }

  /** This node, as the router takes it. */
  Member self() {
    return member(selfId, true, self.get());
  }

  /** Every registered node of the group (this one always live), as the router takes them. */
  public List<Member> members() {
    List<Member> members = new ArrayList<>();
    members.add(self());
    Instant liveSince = clock.instant().minus(pollInterval.multipliedBy(MISSED_POLLS));
    Set<String> group = groupMembers.get();
    boolean byGroup = group.contains(selfId);
    for (NodeRecord node : registered) {
      if (node.getId().equals(selfId) || (byGroup && !group.contains(node.getId()))) {
        continue;
      }
      Seen last = seen.get(node.getId());
      boolean live = last != null && last.at().isAfter(liveSince);
      members.add(
          member(
              node.getId(),
              live,
              last == null ? NodeDescription.getDefaultInstance() : last.description()));
    }
    return members;
  }

  /** Where a registered node's API serves. */
  Optional<PeerAddress> address(String nodeId) {
    return registered.stream()
        .filter(node -> node.getId().equals(nodeId))
        .findFirst()
        .map(node -> new PeerAddress(node.getId(), node.getApiAddress()));
  }

  private static Member member(String id, boolean live, NodeDescription description) {
    List<PoolOffer> pools = new ArrayList<>();
    for (PoolDescription pool : description.getPoolsList()) {
      pools.add(
          new PoolOffer(pool.getName(), pool.getLabelsMap(), pool.getBusy(), pool.getCapacity()));
    }
    return new Member(id, live, pools);
  }
}
