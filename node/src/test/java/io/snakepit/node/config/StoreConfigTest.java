package io.snakepit.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store keys: their defaults, and the messages a wrong Raft setup gets. */
class StoreConfigTest {

  private static final String PEERS = "a=10.0.0.1:7000, b=10.0.0.2:7000,c=node-c:7001";

  private static StoreConfig store(Map<String, String> overrides) {
    return NodeConfigLoader.load(Optional.empty(), Map.of(), overrides).config().store();
  }

  private static StoreConfig raft(String... keysAndValues) {
    Map<String, String> overrides = new HashMap<>(Map.of("store.type", "raft"));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      overrides.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return store(overrides);
  }

  @Test
  void theDefaultIsTheEmbeddedStoreWithLinearizableReads() {
    StoreConfig store = store(Map.of());

    assertThat(store.type()).isEqualTo(StoreType.EMBEDDED);
    assertThat(store.raftPeers()).isEmpty();
    assertThat(store.electionTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(store.electionTimeoutMax()).isEqualTo(Duration.ofMillis(1500));
    assertThat(store.leaseReads()).isFalse();
    assertThat(store.requestTimeout()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void raftPeersKeepTheirOrderAndTheRaftIdDefaultsToTheNodeId() {
    StoreConfig store = raft("store.raft.peers", PEERS, "node.id", "b");

    assertThat(store.type()).isEqualTo(StoreType.RAFT);
    assertThat(store.raftPeers())
        .containsExactly(
            Map.entry("a", "10.0.0.1:7000"),
            Map.entry("b", "10.0.0.2:7000"),
            Map.entry("c", "node-c:7001"));
    assertThat(store.raftId()).isEqualTo("b");
  }

  @Test
  void anExplicitRaftIdWinsOverTheNodeId() {
    assertThat(raft("store.raft.peers", PEERS, "node.id", "web-1", "store.raft.id", "c").raftId())
        .isEqualTo("c");
  }

  @Test
  void electionTimeoutLeaseReadsAndRequestTimeoutAreSet() {
    StoreConfig store =
        raft(
            "store.raft.peers", PEERS,
            "store.raft.id", "a",
            "store.raft.election-timeout", "500ms",
            "store.raft.lease-reads", "true",
            "store.raft.request-timeout", "4s");

    assertThat(store.electionTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(store.electionTimeoutMax()).isEqualTo(Duration.ofMillis(750));
    assertThat(store.leaseReads()).isTrue();
    assertThat(store.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void raftWithoutPeersSaysWhatToSet() {
    assertThatThrownBy(() -> raft())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("store.type raft needs store.raft.peers")
        .hasMessageContaining("id=host:port")
        .hasMessageContaining("or store.raft.peers-dns");
  }

  @Test
  void aRaftIdThatIsNotAPeerIsRefused() {
    assertThatThrownBy(() -> raft("store.raft.peers", PEERS))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "store.raft.id (default: node.id) is 'local', which is not one of the ids in"
                + " store.raft.peers [a, b, c]");
  }

  @Test
  void badPeerAddressesAreRefused() {
    for (String peers :
        new String[] {
          "a=10.0.0.1", "a=10.0.0.1:70000", "a=:7000", "10.0.0.1:7000", "a=h:1,a=h:2", "a b=h:1"
        }) {
      assertThatThrownBy(() -> raft("store.raft.peers", peers, "store.raft.id", "a"))
          .as(peers)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("bad value for store.raft.peers")
          .hasMessageContaining("expected comma-separated id=host:port entries");
    }
  }

  @Test
  void unknownStoreTypesAndNonBooleansAreRefused() {
    assertThatThrownBy(() -> store(Map.of("store.type", "etcd")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected one of embedded, raft");
    assertThatThrownBy(() -> store(Map.of("store.raft.lease-reads", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("expected true or false");
  }

  private static final String SRV = "_raft._tcp.snakepit.default.svc.cluster.local";

  @Test
  void peersFromDnsNeedTheExpectedCountAndLeaveTheStaticListEmpty() {
    StoreConfig store =
        raft(
            "store.raft.peers-dns", SRV,
            "store.raft.expect", "3",
            "node.id", "snakepit-0");

    assertThat(store.raftPeers()).isEmpty();
    assertThat(store.raftId()).isEqualTo("snakepit-0");
    assertThat(store.peersDns())
        .contains(new PeersDns(SRV, 3, Optional.empty(), Duration.ofMinutes(5)));
  }

  @Test
  void theDnsServerAndTheDiscoveryTimeoutAreSet() {
    StoreConfig store =
        raft(
            "store.raft.peers-dns", SRV + ".",
            "store.raft.expect", "5",
            "store.raft.dns-server", "10.96.0.10:5353",
            "store.raft.discovery-timeout", "90s");

    assertThat(store.peersDns())
        .contains(
            new PeersDns(SRV + ".", 5, Optional.of("10.96.0.10:5353"), Duration.ofSeconds(90)));
    assertThat(
            raft(
                    "store.raft.peers-dns",
                    SRV,
                    "store.raft.expect",
                    "1",
                    "store.raft.dns-server",
                    "dns")
                .peersDns()
                .orElseThrow()
                .server())
        .contains("dns");
  }

  @Test
  void peersAndPeersDnsAreNotBothSet() {
    assertThatThrownBy(
            () ->
                raft(
                    "store.raft.peers",
                    PEERS,
                    "store.raft.id",
                    "a",
                    "store.raft.peers-dns",
                    SRV,
                    "store.raft.expect",
                    "3"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "store.raft.peers and store.raft.peers-dns are both set; set one: a static list of"
                + " the peers, or the DNS name that lists them");
  }

  @Test
  void peersDnsWithoutExpectAndExpectWithoutPeersDnsAreRefused() {
    assertThatThrownBy(() -> raft("store.raft.peers-dns", SRV))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("store.raft.peers-dns needs store.raft.expect");
    assertThatThrownBy(
            () -> raft("store.raft.peers", PEERS, "store.raft.id", "a", "store.raft.expect", "3"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("store.raft.expect is set without store.raft.peers-dns");
  }

  @Test
  void badDnsSettingsAreRefused() {
    String[][] bad = {
      {"store.raft.peers-dns", "two words"},
      {"store.raft.peers-dns", "a..b"},
      {"store.raft.expect", "0"},
      {"store.raft.expect", "three"},
      {"store.raft.dns-server", "10.0.0.1:99999"},
      {"store.raft.dns-server", "a,b"},
    };
    for (String[] setting : bad) {
      assertThatThrownBy(() -> store(Map.of(setting[0], setting[1])))
          .as(setting[0] + "=" + setting[1])
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("bad value for " + setting[0]);
    }
  }

  @Test
  void theEmbeddedStoreIgnoresRaftSettings() {
    assertThat(store(Map.of("store.raft.peers", PEERS)).type()).isEqualTo(StoreType.EMBEDDED);
  }
}
