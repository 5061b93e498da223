package io.snakepit.store.common;

import io.snakepit.store.Session;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.StoreException;
import io.snakepit.store.StoreLimits;
import io.snakepit.store.rocks.RecordCodec;
import io.snakepit.store.v1.SessionRecord;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code SessionStore.update}: read, change, compare-and-set; a few attempts, then a conflict. The
 * stores differ only in how they read and how they compare-and-set.
 */
public final class UpdateAttempts {

  /** Attempts of an update before it reports a conflict. */
  public static final int MAX_ATTEMPTS = 5;

  private UpdateAttempts() {}

  /**
   * @param read the session's record, or {@link StoreException.NotFound}
   * @param compareAndSet writes the changed options unless the session is no longer the one read;
   *     empty then
   */
  public static Session update(
      String sessionId,
      UnaryOperator<SessionOptions> change,
      StoreLimits limits,
      Function<String, SessionRecord> read,
      BiFunction<SessionRecord, SessionOptions, Optional<Session>> compareAndSet) {
    for (int i = 1; i <= MAX_ATTEMPTS; i++) {
      SessionRecord current = read.apply(sessionId);
      SessionOptions changed = change.apply(RecordCodec.session(current).options());
      limits.checkMetadata(changed.metadata());
      Optional<Session> written = compareAndSet.apply(current, changed);
      if (written.isPresent()) {
        return written.get();
      }
    }
    throw new StoreException.Conflict(
        "session '"
            + sessionId
            + "' was changed by another writer during each of "
            + MAX_ATTEMPTS
            + " update attempts");
  }
}
