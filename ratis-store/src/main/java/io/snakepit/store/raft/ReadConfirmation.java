package io.snakepit.store.raft;

import io.snakepit.store.StoreException;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

/** What a replica waits for before it answers a read with its state. */
interface ReadConfirmation {

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
        public CompletableFuture<Void> confirmForwarded(
            RaftServer.Division replica, RaftPeerId asker, long askerTerm) {
          return CompletableFuture.failedFuture(
              new StoreException.Unavailable(
                  "lease reads are not sent on between replicas, but through Ratis", null));
        }
      };

  /** Completes when {@code replica} may answer a read that arrived before this call. */
  CompletableFuture<Void> confirm(RaftServer.Division replica);

  /**
   * Completes when {@code replica} may answer a read that the replica {@code asker} sent on, having
   * been at {@code askerTerm} after the read arrived.
   */
  CompletableFuture<Void> confirmForwarded(
      RaftServer.Division replica, RaftPeerId asker, long askerTerm);
}
