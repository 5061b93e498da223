package io.snakepit.node.store;

import io.snakepit.node.config.NodeConfig;
import io.snakepit.node.config.StoreConfig;
import io.snakepit.store.SessionStore;
import io.snakepit.store.embedded.EmbeddedSessionStore;
import io.snakepit.store.embedded.EmbeddedStoreConfig;
import io.snakepit.store.raft.RaftSessionStore;
import io.snakepit.store.raft.RaftStoreConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the session store the configuration names: embedded (one node) or a Raft replica. */
public final class SessionStores {

  private static final Logger log = LoggerFactory.getLogger(SessionStores.class);

  private SessionStores() {}

  public static SessionStore open(NodeConfig config) {
    StoreConfig store = config.store();
    return switch (store.type()) {
      case EMBEDDED -> openEmbedded(config);
      case RAFT -> openRaft(config, store);
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

  /** Returns at once: the group serves once a majority of its peers runs. */
  private static SessionStore openRaft(NodeConfig config, StoreConfig store) {
    Path dir = config.dataDir().resolve("raft");
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
            .withTouchFlushInterval(config.sessions().touchFlushInterval()));
  }
}
