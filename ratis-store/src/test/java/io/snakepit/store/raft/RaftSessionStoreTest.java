package io.snakepit.store.raft;

import io.snakepit.store.MutableClock;
import io.snakepit.store.SessionStore;
import io.snakepit.store.SessionStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a group of three replicas, through the store of one of them. */
class RaftSessionStoreTest extends SessionStoreContract {

  @TempDir Path root;
  private RaftTestCluster cluster;

  @Override
  protected SessionStore newStore(MutableClock clock) {
    cluster = RaftTestCluster.start(root, 3, config -> config.withClock(clock));
    return cluster.store("n0");
  }

  /** Restarts the whole group from disk. */
  @Override
  protected SessionStore reopen(MutableClock clock) {
    cluster.restartAll();
    return cluster.store("n0");
  }

  @AfterEach
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }
}
