package io.snakepit.node.store;

import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when a store first answers reads. An embedded store does once open. A Raft store answers
 * once its group has a leader, which takes a majority of the peers: the first nodes of a cluster
 * start before the others and must not claim to serve until then, so a thread probes it. Nothing
 * watches the group afterwards: a node whose group loses its majority later stays ready, and its
 * session calls fail UNAVAILABLE until a leader is back.
 */
public final class StoreReadiness implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(StoreReadiness.class);

  /** A session id no client can mistake for its own: reading it only tells the store answers. */
  private static final String PROBE_SESSION = "snakepit:readiness-probe";

  private static final Duration RETRY_PAUSE = Duration.ofMillis(500);

  private final Thread prober;
  private volatile boolean answers;

  private StoreReadiness(SessionStore store, Runnable onFirstAnswer) {
    this.prober = new Thread(() -> probe(store, onFirstAnswer), "await-session-store");
    prober.setDaemon(true);
  }

  /** Calls {@code onFirstAnswer} once the store has answered a read (at once when embedded). */
  public static StoreReadiness watch(
      SessionStore store, boolean answersOnceOpen, Runnable onFirstAnswer) {
    StoreReadiness readiness = new StoreReadiness(store, onFirstAnswer);
    if (answersOnceOpen) {
      readiness.answered(onFirstAnswer);
    } else {
      readiness.prober.start();
    }
    return readiness;
  }

  public boolean answers() {
    return answers;
  }

  @Override
  public void close() {
    prober.interrupt();
  }

  /** Each read retries for the store's request timeout; the pause is for one that fails at once. */
  private void probe(SessionStore store, Runnable onFirstAnswer) {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        store.exists(PROBE_SESSION);
        log.info("session store serving");
        answered(onFirstAnswer);
        return;
      } catch (StoreException e) {
        log.info("waiting for the session store: {}", e.getMessage());
        pauseBeforeRetry();
      }
    }
  }

  private void answered(Runnable onFirstAnswer) {
    answers = true;
    onFirstAnswer.run();
  }

  private static void pauseBeforeRetry() {
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
