package io.snakepit.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.AddMemberRequest;
import io.snakepit.api.v1.AdminGrpc;
import io.snakepit.api.v1.GetStoreStatusRequest;
import io.snakepit.api.v1.GroupMember;
import io.snakepit.api.v1.MembershipResponse;
import io.snakepit.api.v1.RemoveMemberRequest;
import io.snakepit.api.v1.StoreMember;
import io.snakepit.api.v1.StoreStatus;
import io.snakepit.chaos.runtime.Cluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The membership fault against nodes that only answer the admin API, each with the same view of a
 * group it keeps in memory: which calls it makes, to whom, in which order.
 */
class MembershipFaultTest {

  private final FakeCluster cluster = new FakeCluster(List.of("n1", "n2", "n3"));

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void removesANodeThroughAnotherWipesItAndAddsItBackBeforeHealingEnds() {
    Fault.Injection injection = new MembershipFault().inject(cluster, new Random(7));
    injection.heal();

    List<String> events = cluster.events();
    assertThat(events).hasSize(4);
    String target = events.get(0).split(" ")[1];
    assertThat(events.get(0)).startsWith("remove " + target + " via ").doesNotEndWith(target);
    assertThat(events.get(1)).isEqualTo("await exit " + target);
    assertThat(events.get(2)).isEqualTo("restart wiped " + target);
    assertThat(events.get(3))
        .startsWith("add " + target + " at " + target + ":7000 via ")
        .doesNotEndWith(target);
    assertThat(cluster.members).containsExactly("n1", "n2", "n3");
    assertThat(injection.description())
        .contains("removed " + target, "exited by itself", "added back", "members caught up");
  }

  @Test
  void needsThreeNodesToKeepAMajority() {
    try (FakeCluster two = new FakeCluster(List.of("n1", "n2"))) {
      assertThat(new MembershipFault().supports(two)).isFalse();
    }
    assertThat(new MembershipFault().supports(cluster)).isTrue();
  }

  /** Nodes whose admin API shares one group; the first member leads. */
  private static final class FakeCluster implements Cluster {

    private final List<String> nodes;
    private final Map<String, Server> servers = new LinkedHashMap<>();
    private final List<String> events = new ArrayList<>();
    final TreeSet<String> members = new TreeSet<>();

    FakeCluster(List<String> nodes) {
      this.nodes = nodes;
      members.addAll(nodes);
      for (String node : nodes) {
        try {
          servers.put(node, ServerBuilder.forPort(0).addService(new Admin(node)).build().start());
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }

    synchronized List<String> events() {
      return List.copyOf(events);
    }

    private synchronized void record(String event) {
      events.add(event);
    }

    @Override
    public List<String> nodes() {
      return nodes;
    }

    @Override
    public String target(String node) {
      return "127.0.0.1:" + servers.get(node).getPort();
    }

    @Override
    public String raftAddress(String node) {
      return node + ":7000";
    }

    @Override
    public boolean awaitExit(String node, Duration timeout) {
      record("await exit " + node);
      return true;
    }

    @Override
    public void restartWiped(String node) {
      record("restart wiped " + node);
    }

    @Override
    public void kill(String node) {
      record("kill " + node);
    }

    @Override
    public void restart(String node) {
      record("restart " + node);
    }

    @Override
    public void pause(String node) {}

    @Override
    public void resume(String node) {}

    @Override
    public void close() {
      servers.values().forEach(Server::shutdownNow);
    }

    private final class Admin extends AdminGrpc.AdminImplBase {

      private final String self;

      Admin(String self) {
        this.self = self;
      }

      @Override
      public void getStoreStatus(
          GetStoreStatusRequest request, StreamObserver<StoreStatus> observer) {
        synchronized (FakeCluster.this) {
          StoreStatus.Builder status =
              StoreStatus.newBuilder()
                  .setType("raft")
                  .setSelf(self)
                  .setLeader(members.first())
                  .setCommitIndex(10)
                  .setAppliedIndex(10);
          members.forEach(
              id ->
                  status.addMembers(
                      StoreMember.newBuilder().setId(id).setHealthy(true).setCommitIndex(10)));
          observer.onNext(status.build());
        }
        observer.onCompleted();
      }

      @Override
      public void removeMember(
          RemoveMemberRequest request, StreamObserver<MembershipResponse> observer) {
        synchronized (FakeCluster.this) {
          record("remove " + request.getId() + " via " + self);
          if (!members.remove(request.getId())) {
            observer.onError(Status.NOT_FOUND.asRuntimeException());
            return;
          }
          observer.onNext(response());
        }
        observer.onCompleted();
      }

      @Override
      public void addMember(AddMemberRequest request, StreamObserver<MembershipResponse> observer) {
        synchronized (FakeCluster.this) {
          record("add " + request.getId() + " at " + request.getRaftAddress() + " via " + self);
          if (!members.add(request.getId())) {
            observer.onError(Status.ALREADY_EXISTS.asRuntimeException());
            return;
          }
          observer.onNext(response());
        }
        observer.onCompleted();
      }

      private MembershipResponse response() {
        MembershipResponse.Builder response = MembershipResponse.newBuilder();
        members.forEach(id -> response.addMembers(GroupMember.newBuilder().setId(id)));
        return response.build();
      }
    }
  }
}
