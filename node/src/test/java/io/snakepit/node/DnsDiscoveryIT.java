package io.snakepit.node;

import static io.snakepit.node.Args.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.StoreMember;
import io.snakepit.api.v1.StoreStatus;
import io.snakepit.api.v1.Variable;
import io.snakepit.node.discovery.TestDnsServer;
import io.snakepit.store.raft.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node processes find each other through a real DNS server (UDP, in this JVM) that holds the
 * SRV and A records a Kubernetes headless service would: they wait until it lists all three, form
 * the group and share sessions; a fourth pod in DNS joins (and may not form a group of its own),
 * and a member restarted with its data finds the group again.
 */
class DnsDiscoveryIT {

  private static final String SRV = "_raft._tcp.snakepit.test";
  private static final String SESSION = "found-through-dns";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  private final TestDnsServer dns = TestDnsServer.start();
  private final Map<String, Integer> raftPorts = new HashMap<>();
  private final List<NodeProcess> started = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (NodeProcess node : started) {
      node.close();
    }
    dns.close();
  }

  @Test
  void nodesWaitUntilDnsListsThemAllFormTheGroupShareASessionAndLetAFourthJoin() throws Exception {
    publish("a");
    CompletableFuture<NodeProcess> starting = CompletableFuture.supplyAsync(() -> start("a"));
    // a asks, finds itself alone, and asks again: it waits for the other two.
    await().atMost(WAIT).until(() -> dns.questionsAbout(SRV) >= 2);
    assertThat(starting).isNotDone();
    publish("b");
    publish("c");
    NodeProcess b = start("b");
    NodeProcess c = start("c");
    NodeProcess a = starting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    RaftNodes.awaitServing(a, WAIT);

    assertThat(a.output())
        .contains(
            "peer discovery: "
                + SRV
                + " lists {a=127.0.0.1:"
                + raftPorts.get("a")
                + "}; waiting for 3 peers (store.raft.expect), a among them")
        .contains("peer discovery: found the peers {a=127.0.0.1:" + raftPorts.get("a") + ", b=");
    StoreStatus status = RaftNodes.status(b);
    assertThat(status.getMembersList())
        .extracting(StoreMember::getId, StoreMember::getAddress)
        .containsExactlyInAnyOrder(
            tuple("a", "127.0.0.1:" + raftPorts.get("a")),
            tuple("b", "127.0.0.1:" + raftPorts.get("b")),
            tuple("c", "127.0.0.1:" + raftPorts.get("c")));

    a.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId(SESSION).build());
    Variable written =
        b.blocking()
            .putVariable(
                PutVariableRequest.newBuilder()
                    .setSessionId(SESSION)
                    .setName("answer")
                    .setValue(integer(42))
                    .build());
    Variable read =
        c.blocking()
            .getVariable(
                GetVariableRequest.newBuilder().setSessionId(SESSION).setName("answer").build());
    assertThat(read).isEqualTo(written);
    assertThat(read.getValue().getIntValue()).isEqualTo(42);

    // DNS now lists a fourth pod. A new node may not form a group from it...
    publish("d");
    CliProcess refused =
        CliProcess.run(
            environment(
                Map.of("SNAKEPIT_RUN_DIR", dir.resolve("fresh-d").resolve("run").toString())),
            startArgs("d"));
    assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
    assertThat(refused.err())
        .contains("list 4 peers [a, b, c, d] but store.raft.expect is 3")
        .contains("store.raft.join=true");
    // ... it joins, and a member adds it.
    NodeProcess d = start("d", Map.of("SNAKEPIT_STORE_RAFT_JOIN", "true"));
    CliProcess added =
        CliProcess.run(
            "cluster",
            "add",
            "--id",
            "d",
            "--raft-address",
            "127.0.0.1:" + raftPorts.get("d"),
            "--api-address",
            d.target(),
            "--target",
            a.target());
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(await().atMost(WAIT).ignoreExceptions().until(() -> read(d), v -> true))
        .isEqualTo(written);

    // A member restarted with its data takes the four peers DNS lists, and its own membership.
    RaftNodes.awaitInSync(a, RaftNodes.IN_SYNC);
    b.kill9();
    NodeProcess restarted = start("b");
    assertThat(restarted.output()).contains("found the peers {a=", "d=127.0.0.1:");
    assertThat(await().atMost(WAIT).ignoreExceptions().until(() -> read(restarted), v -> true))
        .isEqualTo(written);
  }

  private static Variable read(NodeProcess node) {
    return node.blocking()
        .getVariable(
            GetVariableRequest.newBuilder().setSessionId(SESSION).setName("answer").build());
  }

  @Test
  void aNodeThatDnsNeverListsWithItsPeersGivesUpWithAClearMessage() throws Exception {
    publish("a");
    publish("b");

    Map<String, String> settings =
        Map.of(
            "SNAKEPIT_STORE_RAFT_DISCOVERY_TIMEOUT",
            "2s",
            "SNAKEPIT_RUN_DIR",
            dir.resolve("run").toString());
    CliProcess run = CliProcess.run(environment(settings), startArgs("a"));

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains(
            "error: peer discovery gave up after PT2S (store.raft.discovery-timeout): the SRV"
                + " records of "
                + SRV
                + " never listed 3 peers (store.raft.expect), a among them; last seen: {a=");
  }

  /** Adds the SRV record of node {@code id}, and the A record of its target. */
  private void publish(String id) {
    int port = TestPorts.free();
    raftPorts.put(id, port);
    dns.addSrv(SRV, id + ".snakepit.test", port, "127.0.0.1");
  }

  private NodeProcess start(String id) {
    return start(id, Map.of());
  }

  private NodeProcess start(String id, Map<String, String> settings) {
    NodeProcess node =
        NodeProcess.start(
            dir.resolve(id).resolve("data"),
            dir.resolve(id).resolve("run"),
            environment(settings),
            "--node-id",
            id,
            "--pool-size",
            "1");
    synchronized (started) {
      started.add(node);
    }
    return node;
  }

  /** A node's settings: its peers from the test's DNS server, and {@code settings}. */
  private Map<String, String> environment(Map<String, String> settings) {
    Map<String, String> environment = new HashMap<>(settings);
    environment.put("SNAKEPIT_STORE_TYPE", "raft");
    environment.put("SNAKEPIT_STORE_RAFT_PEERS_DNS", SRV);
    environment.put("SNAKEPIT_STORE_RAFT_EXPECT", "3");
    environment.put("SNAKEPIT_STORE_RAFT_DNS_SERVER", dns.address());
    return environment;
  }

  /** {@code start} of a fresh node {@code id}, in a directory of its own. */
  private String[] startArgs(String id) {
    return new String[] {
      "start",
      "--node-id",
      id,
      "--port",
      "0",
      "--http-port",
      "-1",
      "--data-dir",
      dir.resolve("fresh-" + id).resolve("data").toString()
    };
  }
}
