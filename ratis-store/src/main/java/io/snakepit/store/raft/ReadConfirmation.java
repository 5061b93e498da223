package io.snakepit.store.raft;

import java.util.concurrent.CompletableFuture;
import org.apache.ratis.server.RaftServer;

/** What a replica waits for before it answers a read with its state. */
interface ReadConfirmation extends AutoCloseable {

  /**
   * For lease reads, which Ratis confirms itself (by the lease, else by a heartbeat round) before
   * it hands the read to the state machine.
   */
  ReadConfirmation BY_RATIS =
      new ReadConfirmation() {
        @Override
        public CompletableFuture<Void> confirm(RaftServer.Division replica) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}
      };

  /** Completes when {@code replica} may answer a read that arrived before this call. */
  CompletableFuture<Void> confirm(RaftServer.Division replica);

  @Override
  void close();
}
