package io.snakepit.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.snakepit.store.MutableClock;
import io.snakepit.store.SessionOptions;
import io.snakepit.store.SessionStore;
import io.snakepit.store.SessionStoreContract;
import io.snakepit.store.StoreException;
import io.snakepit.store.rocks.KeyLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

class EmbeddedSessionStoreTest extends SessionStoreContract {

  @TempDir Path dataDir;

  @Override
  protected SessionStore newStore(MutableClock clock) {
    return EmbeddedSessionStore.open(config(clock));
  }

  @Override
  protected SessionStore reopen(MutableClock clock) {
    return newStore(clock);
  }

  private EmbeddedStoreConfig config(Clock clock) {
    return EmbeddedStoreConfig.defaults(dataDir).withClock(clock);
  }

  private EmbeddedSessionStore embedded() {
    return (EmbeddedSessionStore) store;
  }

  @Nested
  class TouchFlushes {

    @Test
    void pendingTouchesAreWrittenOnSchedule() {
      store.close();
      store =
          EmbeddedSessionStore.open(config(clock).withTouchFlushInterval(Duration.ofMillis(10)));
      store.create("s1", SessionOptions.withTtl(TTL));
      clock.advance(Duration.ofSeconds(1));

      store.get("s1");

      await().atMost(Duration.ofSeconds(10)).until(() -> embedded().pendingTouchCount() == 0);
      assertThat(store.get("s1").lastAccessedAt()).isEqualTo(START.plusSeconds(1));
    }

    @Test
    void aFlushDoesNotBringBackADeletedSession() {
      store.create("s1", SessionOptions.withTtl(TTL));
      store.get("s1");
      store.delete("s1");

      embedded().flushTouches();

      assertThat(store.exists("s1")).isFalse();
      assertThat(embedded().pendingTouchCount()).isZero();
    }

    @Test
    void aFlushDuringAnUpdateIsNoConflict() {
      store.create("s1", SessionOptions.withTtl(TTL));
      clock.advance(Duration.ofSeconds(1));
      store.get("s1");
      AtomicInteger calls = new AtomicInteger();

      store.update(
          "s1",
          options -> {
            calls.incrementAndGet();
            embedded().flushTouches();
            return options.withMetadata(Map.of("k", "v"));
          });

      assertThat(calls).hasValue(1);
    }
  }

  @Nested
  class Opening {

    @Test
    void aNewerFormatIsRefused() throws RocksDBException {
      store.close();
      putRaw(dataDir, KeyLayout.FORMAT_VERSION, "2");

      assertThatExceptionOfType(StoreException.Internal.class)
          .isThrownBy(() -> newStore(clock))
          .withMessageContaining("format version 2")
          .withMessageContaining("reads up to version 1");
    }

    @Test
    void anUnreadableFormatIsRefused() throws RocksDBException {
      store.close();
      putRaw(dataDir, KeyLayout.FORMAT_VERSION, "one");

      assertThatExceptionOfType(StoreException.Internal.class)
          .isThrownBy(() -> newStore(clock))
          .withMessageContaining("unreadable format version 'one'");
    }

    @Test
    void aDatabaseOfSomethingElseIsRefused(@TempDir Path otherDir) throws RocksDBException {
      putRaw(otherDir, "someone-else".getBytes(StandardCharsets.UTF_8), "data");

      assertThatExceptionOfType(StoreException.Internal.class)
          .isThrownBy(() -> EmbeddedSessionStore.open(EmbeddedStoreConfig.defaults(otherDir)))
          .withMessageContaining("no Snakepit session store");
    }

    @Test
    void aDirectoryServesOneStoreAtATime() {
      assertThatExceptionOfType(StoreException.Internal.class)
          .isThrownBy(() -> newStore(clock))
          .withMessageContaining(dataDir.toString());
    }

    @Test
    void aClosedStoreIsUnavailable() {
      store.create("s1", SessionOptions.withTtl(TTL));
      store.close();

      assertThatExceptionOfType(StoreException.Unavailable.class).isThrownBy(() -> store.get("s1"));
    }

    private static void putRaw(Path dir, byte[] key, String value) throws RocksDBException {
      try (Options options = new Options().setCreateIfMissing(true);
          RocksDB db = RocksDB.open(options, dir.toString())) {
        db.put(key, value.getBytes(StandardCharsets.US_ASCII));
      }
    }
  }
}
