package io.snakepit.node.store;

import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.config.PeersDns;
import io.snakepit.node.config.StoreConfig;
import io.snakepit.node.discovery.DnsPeers;
import io.snakepit.node.discovery.JndiDnsLookup;
import io.snakepit.node.discovery.PeerDiscovery;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import io.snakepit.store.embedded.EmbeddedSessionStore;
import io.snakepit.store.embedded.EmbeddedStoreConfig;
import io.snakepit.store.raft.RaftSessionStore;
import io.snakepit.store.raft.RaftStoreConfig;
import io.snakepit.store.raft.ReplicaNetwork;
import io.snakepit.store.raft.ReplicaTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the session store the configuration names: embedded (one node) or a Raft replica. */
public final class SessionStores {

  private static final Logger log = LoggerFactory.getLogger(SessionStores.class);

  private SessionStores() {}

  /**
   * @param tls mutual TLS between the replicas, when the node serves TLS
   */
  public static SessionStore open(NodeConfig config, Optional<ReplicaTls> tls) {
    StoreConfig store = config.store();
    return switch (store.type()) {
      case EMBEDDED -> openEmbedded(config);
      case RAFT -> openRaft(config, store, tls);
    };
  }

  /** Where a node keeps its embedded store under its data directory. */
  public static Path embeddedDir(Path dataDir) {
    return dataDir.resolve("sessions");
  }

  private static SessionStore openEmbedded(NodeConfig config) {
    Path dir = embeddedDir(config.dataDir());
    log.info("session store: embedded, in {}", dir);
    return EmbeddedSessionStore.open(
        EmbeddedStoreConfig.defaults(dir)
            .withTouchFlushInterval(config.sessions().touchFlushInterval()));
  }

  /**
   * Returns at once when the peers are listed, and once DNS lists them otherwise: the group serves
   * once a majority of its peers runs.
   */
  private static SessionStore openRaft(
      NodeConfig config, StoreConfig configured, Optional<ReplicaTls> tls) {
    Path dir = config.dataDir().resolve("raft");
    StoreConfig store =
        configured
            .peersDns()
            .map(dns -> configured.withPeers(discover(dns, configured, Files.isDirectory(dir))))
            .orElse(configured);
    log.info(
        "session store: raft replica {} of the group {}, in {}{}",
        store.raftId(),
        store.raftPeers(),
        dir,
        store.raftJoin() ? " (joining: it waits until a member adds it)" : "");
    return RaftSessionStore.start(
        RaftStoreConfig.defaults(store.raftPeers(), store.raftId(), dir)
            .withElectionTimeouts(store.electionTimeout(), store.electionTimeoutMax())
            .withLeaseReads(store.leaseReads())
            .withJoin(store.raftJoin())
            .withRequestTimeout(store.requestTimeout())
            .withTouchFlushInterval(config.sessions().touchFlushInterval()),
        // The Raft port listens where the API does: a node on loopback exposes neither.
        new ReplicaNetwork(Optional.of(config.host()), tls));
  }

  /**
   * Asks DNS for the peers. Through a DNS server of its own, a peer is reached at its target's
   * address, which that server gave: the rest of the JVM resolves names through the system's
   * resolver, which need not know them. Otherwise by its target's name, which outlives a pod's
   * address.
   */
  private static Map<String, String> discover(PeersDns dns, StoreConfig store, boolean hasState) {
    JndiDnsLookup lookup = new JndiDnsLookup(dns.server());
    PeerDiscovery discovery =
        new PeerDiscovery(
            lookup,
            dns.server().isPresent() ? lookup::address : DnsPeers.byName(),
            Clock.systemUTC(),
            PeerDiscovery.threadSleep());
    PeerDiscovery.Start start =
        store.raftJoin()
            ? PeerDiscovery.Start.JOIN
            : hasState ? PeerDiscovery.Start.RECOVER : PeerDiscovery.Start.FORM;
    try {
      return discovery.discover(
          new PeerDiscovery.Request(
              dns.name(), store.raftId(), dns.expect(), start, dns.timeout()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException.Internal("interrupted while looking for the peers in DNS", e);
    }
  }
}
