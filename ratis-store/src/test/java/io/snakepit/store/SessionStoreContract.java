package io.snakepit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.ByteString;
import io.snakepit.api.v1.ListValue;
import io.snakepit.api.v1.MapEntry;
import io.snakepit.api.v1.MapValue;
import io.snakepit.api.v1.NullValue;
import io.snakepit.api.v1.Value;
import io.snakepit.store.v1.ImportCounts;
import io.snakepit.store.v1.NodeRecord;
import io.snakepit.store.v1.RecordPage;
import io.snakepit.store.v1.SessionRecord;
import io.snakepit.store.v1.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do, written once. Bind it to an implementation by extending
 * it and implementing {@link #newStore}; override {@link #reopen} when the store keeps its data
 * across a restart.
 *
 * <p>The store under test must use {@link StoreLimits#DEFAULT} and take every time from the given
 * clock, which moves only when a scenario moves it.
 */
public abstract class SessionStoreContract {

  protected static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
  protected static final Duration TTL = Duration.ofSeconds(10);
  private static final OptionalLong ANY_VERSION = OptionalLong.empty();

  protected MutableClock clock;
  protected SessionStore store;

  /** A new, empty store that takes its time from {@code clock}. */
  protected abstract SessionStore newStore(MutableClock clock);

  /**
   * A store opened on the data of the store the scenario just closed. Stores that keep nothing
   * across a restart leave this alone, and the persistence scenarios are skipped.
   */
  protected SessionStore reopen(MutableClock clock) {
    return Assumptions.abort(getClass().getSimpleName() + " does not persist across a reopen");
  }

  @BeforeEach
  void openStore() {
    clock = new MutableClock(START);
    store = newStore(clock);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private Session createSession(String sessionId) {
    return store.create(sessionId, SessionOptions.withTtl(TTL));
  }

  private static Value intValue(long value) {
    return Value.newBuilder().setIntValue(value).build();
  }

  private static ByteString bytes(String text) {
    return ByteString.copyFromUtf8(text);
  }

  @Nested
  class Sessions {

    @Test
    void createStartsAtVersionOneAccessedWhenCreated() {
      Session session = store.create("s1", new SessionOptions(Map.of("owner", "ada"), TTL));

      assertThat(session)
          .isEqualTo(new Session("s1", Map.of("owner", "ada"), TTL, START, START, 1));
    }

    @Test
    void createOfAnExistingIdReturnsTheOriginalUnchanged() {
      Session original = store.create("s1", new SessionOptions(Map.of("owner", "ada"), TTL));
      clock.advance(Duration.ofSeconds(1));

      Session again = store.create("s1", new SessionOptions(Map.of("owner", "bob"), Duration.ZERO));

      assertThat(again).isEqualTo(original);
      assertThat(store.get("s1").options()).isEqualTo(original.options());
    }

    @Test
    void getOfAMissingSessionIsNotFound() {
      assertThatExceptionOfType(StoreException.NotFound.class).isThrownBy(() -> store.get("nope"));
    }

    @Test
    void getMarksTheSessionAccessedWithoutChangingItsVersion() {
      createSession("s1");
      clock.advance(Duration.ofSeconds(5));

      Session read = store.get("s1");

      assertThat(read.lastAccessedAt()).isEqualTo(START.plusSeconds(5));
      assertThat(read.createdAt()).isEqualTo(START);
      assertThat(read.version()).isEqualTo(1);
    }

    @Test
    void existsFollowsCreateAndDelete() {
      assertThat(store.exists("s1")).isFalse();
      createSession("s1");
      assertThat(store.exists("s1")).isTrue();
      store.delete("s1");
      assertThat(store.exists("s1")).isFalse();
    }

    @Test
    void updateReplacesOptionsBumpsVersionAndKeepsCreationTime() {
      createSession("s1");
      clock.advance(Duration.ofSeconds(3));

      Session updated =
          store.update("s1", options -> new SessionOptions(Map.of("k", "v"), Duration.ZERO));

      Session expected =
          new Session("s1", Map.of("k", "v"), Duration.ZERO, START, START.plusSeconds(3), 2);
      assertThat(updated).isEqualTo(expected);
      assertThat(store.get("s1")).isEqualTo(expected);
    }

    @Test
    void updateOfAMissingSessionIsNotFound() {
      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.update("nope", options -> options));
    }

    @Test
    void deleteIsIdempotent() {
      createSession("s1");

      assertThat(store.delete("s1")).isTrue();
      assertThat(store.delete("s1")).isFalse();
      assertThatExceptionOfType(StoreException.NotFound.class).isThrownBy(() -> store.get("s1"));
    }

    @Test
    void deleteRemovesVariablesAndPrograms() {
      createSession("s1");
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);
      store.putProgram("s1", "p", bytes("code"), Map.of());

      store.delete("s1");
      createSession("s1");

      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.getVariable("s1", "x"));
      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.getProgram("s1", "p"));
    }

    @Test
    void deleteLeavesSessionsWithSimilarIdsAlone() {
      List<String> neighbours = List.of("a0", "a.b", "a-", "a:b", "ab", "A");
      createSession("a");
      store.putVariable("a", "x", intValue(0), ANY_VERSION);
      for (String id : neighbours) {
        createSession(id);
        store.putVariable(id, "x", intValue(1), ANY_VERSION);
        store.putProgram(id, "p", bytes(id), Map.of());
      }

      store.delete("a");

      for (String id : neighbours) {
        assertThat(store.getVariable(id, "x").value()).isEqualTo(intValue(1));
        assertThat(store.getProgram(id, "p").data()).isEqualTo(bytes(id));
      }
    }
  }

  @Nested
  class Listing {

    @Test
    void pagesThroughEverySessionInIdOrder() {
      List<String> ids =
          new ArrayList<>(IntStream.range(0, 25).mapToObj("s%02d"::formatted).toList());
      Collections.shuffle(ids, new Random(7));
      ids.forEach(SessionStoreContract.this::createSession);

      List<SessionPage> pages = listAll(10);

      assertThat(pages).extracting(page -> page.sessions().size()).containsExactly(10, 10, 5);
      assertThat(pages).extracting(SessionPage::isLast).containsExactly(false, false, true);
      assertThat(pages.stream().flatMap(page -> page.sessions().stream()).map(Session::id))
          .containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
      IntStream.range(0, 20)
          .mapToObj("s%02d"::formatted)
          .forEach(SessionStoreContract.this::createSession);

      assertThat(listAll(10)).extracting(SessionPage::isLast).containsExactly(false, true);
    }

    @Test
    void anEmptyStoreListsOneEmptyPage() {
      SessionPage page = store.list("", 10);

      assertThat(page.sessions()).isEmpty();
      assertThat(page.isLast()).isTrue();
    }

    @Test
    void theCursorNeedNotBeAnExistingId() {
      List.of("b", "d", "f").forEach(SessionStoreContract.this::createSession);

      SessionPage page = store.list("c", 10);

      assertThat(page.sessions()).extracting(Session::id).containsExactly("d", "f");
    }

    @Test
    void listedSessionsShowTheirLatestAccess() {
      createSession("s1");
      clock.advance(Duration.ofSeconds(2));
      store.get("s1");

      assertThat(store.list("", 1).sessions().get(0).lastAccessedAt())
          .isEqualTo(START.plusSeconds(2));
    }

    @Test
    void theLimitMustBeOneToTheMaximumPageSize() {
      for (int limit : new int[] {-1, 0, SessionStore.MAX_PAGE_SIZE + 1}) {
        assertThatExceptionOfType(StoreException.InvalidArgument.class)
            .isThrownBy(() -> store.list("", limit));
      }
      assertThat(store.list("", SessionStore.MAX_PAGE_SIZE).isLast()).isTrue();
    }

    @Test
    void aCursorThatIsNoIdIsInvalid() {
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.list("not an id", 10));
    }

    private List<SessionPage> listAll(int limit) {
      List<SessionPage> pages = new ArrayList<>();
      String cursor = "";
      do {
        SessionPage page = store.list(cursor, limit);
        pages.add(page);
        cursor = page.nextCursor();
      } while (!cursor.isEmpty());
      return pages;
    }
  }

  @Nested
  class Variables {

    @BeforeEach
    void createTheSession() {
      createSession("s1");
    }

    @Test
    void eachWriteBumpsTheVersionFromOne() {
      assertThat(store.putVariable("s1", "x", intValue(1), ANY_VERSION))
          .isEqualTo(new Variable("s1", "x", intValue(1), 1));
      assertThat(store.putVariable("s1", "x", intValue(2), ANY_VERSION))
          .isEqualTo(new Variable("s1", "x", intValue(2), 2));
      assertThat(store.getVariable("s1", "x")).isEqualTo(new Variable("s1", "x", intValue(2), 2));
    }

    @Test
    void expectedVersionZeroCreatesOnly() {
      assertThat(store.putVariable("s1", "x", intValue(1), OptionalLong.of(0)).version())
          .isEqualTo(1);

      assertThatExceptionOfType(StoreException.Conflict.class)
          .isThrownBy(() -> store.putVariable("s1", "x", intValue(2), OptionalLong.of(0)));
      assertThat(store.getVariable("s1", "x").value()).isEqualTo(intValue(1));
    }

    @Test
    void expectedVersionMustBeTheCurrentOne() {
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);

      assertThat(store.putVariable("s1", "x", intValue(2), OptionalLong.of(1)).version())
          .isEqualTo(2);
      for (long stale : new long[] {1, 3}) {
        assertThatExceptionOfType(StoreException.Conflict.class)
            .isThrownBy(() -> store.putVariable("s1", "x", intValue(9), OptionalLong.of(stale)));
      }
      assertThat(store.getVariable("s1", "x")).isEqualTo(new Variable("s1", "x", intValue(2), 2));
    }

    @Test
    void aNegativeExpectedVersionIsInvalid() {
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.putVariable("s1", "x", intValue(1), OptionalLong.of(-1)));
    }

    @Test
    void aMissingSessionOrVariableIsNotFound() {
      List<ThrowingCallable> calls =
          List.of(
              () -> store.getVariable("s1", "missing"),
              () -> store.getVariable("nope", "x"),
              () -> store.putVariable("nope", "x", intValue(1), ANY_VERSION),
              () -> store.deleteVariable("nope", "x", ANY_VERSION));
      for (ThrowingCallable call : calls) {
        assertThatExceptionOfType(StoreException.NotFound.class).isThrownBy(call);
      }
    }

    @Test
    void deleteWithoutExpectedVersionIsIdempotent() {
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);
      store.putVariable("s1", "x", intValue(2), ANY_VERSION);

      assertThat(store.deleteVariable("s1", "x", ANY_VERSION)).isTrue();
      assertThat(store.deleteVariable("s1", "x", ANY_VERSION)).isFalse();
      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.getVariable("s1", "x"));
      assertThat(store.putVariable("s1", "x", intValue(3), ANY_VERSION).version()).isEqualTo(1);
    }

    @Test
    void deleteWithExpectedVersionDeletesOnlyThatVersion() {
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);
      store.putVariable("s1", "x", intValue(2), ANY_VERSION);

      assertThatExceptionOfType(StoreException.Conflict.class)
          .isThrownBy(() -> store.deleteVariable("s1", "x", OptionalLong.of(1)));
      assertThat(store.getVariable("s1", "x").version()).isEqualTo(2);

      assertThat(store.deleteVariable("s1", "x", OptionalLong.of(2))).isTrue();
      assertThatExceptionOfType(StoreException.Conflict.class)
          .isThrownBy(() -> store.deleteVariable("s1", "x", OptionalLong.of(2)));
    }

    @Test
    void deleteExpectsAPositiveVersion() {
      for (long version : new long[] {0, -1}) {
        assertThatExceptionOfType(StoreException.InvalidArgument.class)
            .isThrownBy(() -> store.deleteVariable("s1", "x", OptionalLong.of(version)));
      }
    }

    @Test
    void valuesRoundTripExactly() {
      List<Value> values =
          List.of(
              intValue(Long.MAX_VALUE),
              intValue(Long.MIN_VALUE),
              intValue(0),
              Value.newBuilder().setDoubleValue(-0.0).build(),
              Value.newBuilder().setDoubleValue(Double.NaN).build(),
              Value.newBuilder().setBoolValue(true).build(),
              Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build(),
              Value.getDefaultInstance(),
              Value.newBuilder().setStringValue("ünïcødé ✓ \u0000").build(),
              Value.newBuilder().setBytesValue(everyByte()).build(),
              Value.newBuilder().setBytesValue(ByteString.EMPTY).build(),
              nestedValue());

      for (int i = 0; i < values.size(); i++) {
        store.putVariable("s1", "v" + i, values.get(i), ANY_VERSION);
      }

      for (int i = 0; i < values.size(); i++) {
        assertThat(store.getVariable("s1", "v" + i).value()).isEqualTo(values.get(i));
      }
    }

    @Test
    void variablesBelongToTheirSession() {
      createSession("s2");
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);
      store.putVariable("s2", "x", intValue(2), ANY_VERSION);

      assertThat(store.getVariable("s1", "x").value()).isEqualTo(intValue(1));
      assertThat(store.getVariable("s2", "x").value()).isEqualTo(intValue(2));
    }

    private static ByteString everyByte() {
      byte[] all = new byte[256];
      for (int i = 0; i < all.length; i++) {
        all[i] = (byte) i;
      }
      return ByteString.copyFrom(all);
    }

    /** Keys out of alphabetical order, to show that the order survives. */
    private static Value nestedValue() {
      Value inner =
          Value.newBuilder()
              .setMapValue(
                  MapValue.newBuilder()
                      .addEntries(entry("z", intValue(Long.MIN_VALUE)))
                      .addEntries(
                          entry("a", Value.newBuilder().setBytesValue(bytes("\u00ff")).build())))
              .build();
      ListValue list = ListValue.newBuilder().addItems(inner).addItems(intValue(7)).build();
      return Value.newBuilder()
          .setMapValue(
              MapValue.newBuilder()
                  .addEntries(entry("list", Value.newBuilder().setListValue(list).build()))
                  .addEntries(
                      entry(
                          "empty",
                          Value.newBuilder().setMapValue(MapValue.getDefaultInstance()).build())))
          .build();
    }

    private static MapEntry entry(String key, Value value) {
      return MapEntry.newBuilder().setKey(key).setValue(value).build();
    }
  }

  @Nested
  class Programs {

    @BeforeEach
    void createTheSession() {
      createSession("s1");
    }

    @Test
    void putThenGet() {
      clock.advance(Duration.ofSeconds(1));

      Program put = store.putProgram("s1", "p1", bytes("print(1)"), Map.of("lang", "python"));

      Program expected =
          new Program(
              "s1", "p1", bytes("print(1)"), Map.of("lang", "python"), 1, START.plusSeconds(1));
      assertThat(put).isEqualTo(expected);
      assertThat(store.getProgram("s1", "p1")).isEqualTo(expected);
    }

    @Test
    void putAgainReplacesTheProgram() {
      store.putProgram("s1", "p1", bytes("old"), Map.of("lang", "python"));
      clock.advance(Duration.ofSeconds(1));

      store.putProgram("s1", "p1", bytes("new"), Map.of());

      assertThat(store.getProgram("s1", "p1"))
          .isEqualTo(new Program("s1", "p1", bytes("new"), Map.of(), 2, START.plusSeconds(1)));
    }

    @Test
    void aMissingSessionOrProgramIsNotFound() {
      List<ThrowingCallable> calls =
          List.of(
              () -> store.getProgram("s1", "missing"),
              () -> store.getProgram("nope", "p1"),
              () -> store.putProgram("nope", "p1", bytes("x"), Map.of()));
      for (ThrowingCallable call : calls) {
        assertThatExceptionOfType(StoreException.NotFound.class).isThrownBy(call);
      }
    }
  }

  @Nested
  class Expiry {

    @Test
    void aSessionIdlePastItsTtlExpiresWithItsData() {
      createSession("s1");
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);
      store.putProgram("s1", "p", bytes("code"), Map.of());
      clock.advance(TTL);
      assertThat(store.expireIdleSessions()).as("idle exactly the TTL").isZero();

      clock.advance(Duration.ofMillis(1));

      assertThat(store.expireIdleSessions()).isEqualTo(1);
      assertThat(store.exists("s1")).isFalse();
      createSession("s1");
      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.getVariable("s1", "x"));
      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.getProgram("s1", "p"));
    }

    @Test
    void aReadKeepsTheSessionAlive() {
      createSession("s1");
      clock.advance(TTL.minusSeconds(1));
      store.get("s1");
      clock.advance(TTL.minusSeconds(1));

      assertThat(store.expireIdleSessions()).isZero();
      assertThat(store.exists("s1")).isTrue();
    }

    @Test
    void aVariableWriteKeepsTheSessionAlive() {
      createSession("s1");
      clock.advance(TTL.minusSeconds(1));
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);
      clock.advance(TTL.minusSeconds(1));

      assertThat(store.expireIdleSessions()).isZero();
    }

    @Test
    void onlyIdleSessionsExpire() {
      createSession("idle");
      createSession("busy");
      store.create("forever", SessionOptions.withTtl(Duration.ZERO));
      clock.advance(TTL.minusSeconds(1));
      store.get("busy");
      clock.advance(Duration.ofSeconds(2));

      assertThat(store.expireIdleSessions()).isEqualTo(1);
      assertThat(store.list("", 10).sessions())
          .extracting(Session::id)
          .containsExactly("busy", "forever");
    }

    @Test
    void aZeroTtlNeverExpires() {
      store.create("s1", SessionOptions.withTtl(Duration.ZERO));
      clock.advance(Duration.ofDays(3650));

      assertThat(store.expireIdleSessions()).isZero();
      assertThat(store.exists("s1")).isTrue();
    }
  }

  @Nested
  class Validation {

    @Test
    void badSessionIdsAreInvalid() {
      createSession("ok");
      for (String bad : badIds()) {
        for (ThrowingCallable call : callsWithSessionId(bad)) {
          assertThatExceptionOfType(StoreException.InvalidArgument.class).isThrownBy(call);
        }
      }
    }

    @Test
    void badVariableNamesAndProgramIdsAreInvalid() {
      createSession("s1");
      for (String bad : badIds()) {
        List<ThrowingCallable> calls =
            List.of(
                () -> store.getVariable("s1", bad),
                () -> store.putVariable("s1", bad, intValue(1), ANY_VERSION),
                () -> store.deleteVariable("s1", bad, ANY_VERSION),
                () -> store.getProgram("s1", bad),
                () -> store.putProgram("s1", bad, bytes("x"), Map.of()));
        for (ThrowingCallable call : calls) {
          assertThatExceptionOfType(StoreException.InvalidArgument.class).isThrownBy(call);
        }
      }
    }

    @Test
    void metadataOverTheLimitIsInvalid() {
      SessionOptions oversized =
          new SessionOptions(
              Map.of("big", oversizedText(StoreLimits.DEFAULT.maxMetadataBytes())), TTL);
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.create("s1", oversized));
      assertThat(store.exists("s1")).isFalse();

      createSession("s1");
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.update("s1", options -> oversized));
      assertThat(store.get("s1").version()).isEqualTo(1);
    }

    @Test
    void valuesAndProgramsOverTheLimitAreInvalid() {
      createSession("s1");
      Value bigValue =
          Value.newBuilder()
              .setStringValue(oversizedText(StoreLimits.DEFAULT.maxValueBytes()))
              .build();
      ByteString bigProgram = bytes(oversizedText(StoreLimits.DEFAULT.maxProgramBytes()));

      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.putVariable("s1", "x", bigValue, ANY_VERSION));
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.putProgram("s1", "p", bigProgram, Map.of()));
    }

    private static String oversizedText(long limit) {
      return "x".repeat(Math.toIntExact(limit) + 1);
    }

    private static List<String> badIds() {
      return Arrays.asList("", " ", "has space", "slash/in", "ü", "x".repeat(129), null);
    }

    private List<ThrowingCallable> callsWithSessionId(String bad) {
      return List.of(
          () -> store.create(bad, SessionOptions.withTtl(TTL)),
          () -> store.get(bad),
          () -> store.exists(bad),
          () -> store.update(bad, options -> options),
          () -> store.delete(bad),
          () -> store.getVariable(bad, "x"),
          () -> store.putVariable(bad, "x", intValue(1), ANY_VERSION),
          () -> store.deleteVariable(bad, "x", ANY_VERSION),
          () -> store.getProgram(bad, "p"),
          () -> store.putProgram(bad, "p", bytes("x"), Map.of()));
    }
  }

  @Nested
  class Concurrency {

    private static final int THREADS = 4;
    private static final int ATTEMPTS_PER_THREAD = 20;

    @Test
    void anUpdateThatLostARaceIsRetriedOnTheNewVersion() {
      createSession("s1");
      AtomicInteger calls = new AtomicInteger();

      Session updated =
          store.update(
              "s1",
              options -> {
                if (calls.incrementAndGet() == 1) {
                  store.update("s1", racing -> racing.withMetadata(Map.of("racer", "1")));
                }
                return options.withMetadata(with(options.metadata(), "mine", "1"));
              });

      assertThat(calls).hasValue(2);
      assertThat(updated.version()).isEqualTo(3);
      assertThat(updated.metadata()).containsOnly(Map.entry("racer", "1"), Map.entry("mine", "1"));
    }

    @Test
    void anUpdateThatLosesEveryRaceIsAConflict() {
      createSession("s1");
      AtomicInteger calls = new AtomicInteger();

      assertThatExceptionOfType(StoreException.Conflict.class)
          .isThrownBy(
              () ->
                  store.update(
                      "s1",
                      options -> {
                        calls.incrementAndGet();
                        store.update("s1", racing -> racing.withMetadata(Map.of("racer", "won")));
                        return options.withMetadata(Map.of("mine", "lost"));
                      }));

      assertThat(calls.get()).as("attempts").isGreaterThan(1);
      Session session = store.get("s1");
      assertThat(session.version()).as("one version per racing update").isEqualTo(1 + calls.get());
      assertThat(session.metadata()).containsOnly(Map.entry("racer", "won"));
    }

    @Test
    void anUpdateRacedByADeleteAndCreateIsRetriedOnTheNewSession() {
      createSession("s1");
      AtomicInteger calls = new AtomicInteger();

      Session updated =
          store.update(
              "s1",
              options -> {
                if (calls.incrementAndGet() == 1) {
                  store.delete("s1");
                  store.create("s1", new SessionOptions(Map.of("incarnation", "2"), TTL));
                }
                return options.withMetadata(with(options.metadata(), "mine", "1"));
              });

      assertThat(calls).hasValue(2);
      assertThat(updated.metadata())
          .containsOnly(Map.entry("incarnation", "2"), Map.entry("mine", "1"));
    }

    @Test
    void concurrentUpdatersLoseNoUpdate() throws Exception {
      createSession("s1");
      store.update("s1", options -> options.withMetadata(Map.of("count", "0")));
      AtomicInteger successes = new AtomicInteger();

      runConcurrently(
          () -> {
            try {
              store.update("s1", options -> options.withMetadata(incremented(options.metadata())));
              successes.incrementAndGet();
            } catch (StoreException.Conflict expected) {
              // Possible under contention; only the successful updates are counted.
            }
          });

      Session session = store.get("s1");
      assertThat(successes.get()).isPositive();
      assertThat(session.metadata()).containsEntry("count", String.valueOf(successes.get()));
      assertThat(session.version()).isEqualTo(2 + successes.get());
    }

    @Test
    void concurrentCompareAndSetIncrementsLoseNothing() throws Exception {
      createSession("s1");
      store.putVariable("s1", "counter", intValue(0), OptionalLong.of(0));
      AtomicInteger successes = new AtomicInteger();

      runConcurrently(
          () -> {
            Variable read = store.getVariable("s1", "counter");
            Value next = intValue(read.value().getIntValue() + 1);
            try {
              store.putVariable("s1", "counter", next, OptionalLong.of(read.version()));
              successes.incrementAndGet();
            } catch (StoreException.Conflict expected) {
              // Another thread wrote first; this attempt counts for nothing.
            }
          });

      Variable counter = store.getVariable("s1", "counter");
      assertThat(successes.get()).isPositive();
      assertThat(counter.value()).isEqualTo(intValue(successes.get()));
      assertThat(counter.version()).isEqualTo(1 + successes.get());
    }

    /** Runs {@code attempt} repeatedly on several threads that start together. */
    private void runConcurrently(Runnable attempt) throws Exception {
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          done.add(
              threads.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < ATTEMPTS_PER_THREAD; i++) {
                      attempt.run();
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> future : done) {
          future.get(1, TimeUnit.MINUTES);
        }
      } finally {
        threads.shutdownNow();
      }
    }

    private static Map<String, String> incremented(Map<String, String> metadata) {
      return with(metadata, "count", String.valueOf(Long.parseLong(metadata.get("count")) + 1));
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
      Map<String, String> copy = new HashMap<>(map);
      copy.put(key, value);
      return copy;
    }
  }

  @Nested
  class RequestIds {

    private final RequestId first = new RequestId("9b2f3a1e-0c55-4c1e-9d7a-3f1f6c1d2e01");
    private final RequestId second = new RequestId("9b2f3a1e-0c55-4c1e-9d7a-3f1f6c1d2e02");

    @BeforeEach
    void createTheSession() {
      store.create("s1", SessionOptions.withTtl(Duration.ZERO));
    }

    private Variable putOnce(String name, long value, OptionalLong expected, RequestId id) {
      return store.putVariable("s1", name, intValue(value), expected, Optional.of(id));
    }

    @Test
    void aRepeatedCompareAndSetAppliesOnceAndReturnsTheFirstVersion() {
      Variable applied = putOnce("x", 1, OptionalLong.of(0), first);
      clock.advance(Duration.ofSeconds(1));

      Variable repeated = putOnce("x", 1, OptionalLong.of(0), first);

      assertThat(repeated).isEqualTo(applied);
      assertThat(repeated.version()).isEqualTo(1);
      assertThat(store.getVariable("s1", "x")).isEqualTo(applied);
    }

    @Test
    void aRepeatedUnconditionalPutAppliesOnce() {
      putOnce("x", 1, ANY_VERSION, first);
      putOnce("x", 1, ANY_VERSION, first);

      assertThat(store.getVariable("s1", "x").version()).isEqualTo(1);
    }

    @Test
    void aRepeatedFailedCompareAndSetFailsAgainEvenWhenItWouldNowSucceed() {
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);
      ThrowingCallable lostRace = () -> putOnce("x", 10, OptionalLong.of(2), first);
      assertThatExceptionOfType(StoreException.Conflict.class).isThrownBy(lostRace);
      store.putVariable("s1", "x", intValue(2), ANY_VERSION);

      assertThatExceptionOfType(StoreException.Conflict.class).isThrownBy(lostRace);
      assertThat(store.getVariable("s1", "x").value()).isEqualTo(intValue(2));
    }

    @Test
    void aRepeatedFailureOfAMissingSessionStaysNotFound() {
      ThrowingCallable missing =
          () -> store.putVariable("nope", "x", intValue(1), ANY_VERSION, Optional.of(first));
      assertThatExceptionOfType(StoreException.NotFound.class).isThrownBy(missing);
      store.create("nope", SessionOptions.withTtl(Duration.ZERO));

      assertThatExceptionOfType(StoreException.NotFound.class).isThrownBy(missing);
    }

    @Test
    void theSameIdWithAnotherRequestIsInvalidAndAppliesNothing() {
      putOnce("x", 1, OptionalLong.of(0), first);

      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> putOnce("x", 2, OptionalLong.of(1), first))
          .withMessageContaining(first.value());
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.delete("s1", Optional.of(first)));
      assertThat(store.getVariable("s1", "x").version()).isEqualTo(1);
      assertThat(store.exists("s1")).isTrue();
      assertThat(putOnce("x", 1, OptionalLong.of(0), first).version()).isEqualTo(1);
    }

    @Test
    void aRepeatedDeleteVariableAtAVersionAnswersTrueAgain() {
      store.putVariable("s1", "x", intValue(1), ANY_VERSION);

      assertThat(store.deleteVariable("s1", "x", OptionalLong.of(1), Optional.of(first))).isTrue();
      assertThat(store.deleteVariable("s1", "x", OptionalLong.of(1), Optional.of(first))).isTrue();
      assertThatExceptionOfType(StoreException.Conflict.class)
          .isThrownBy(
              () -> store.deleteVariable("s1", "x", OptionalLong.of(1), Optional.of(second)));
    }

    @Test
    void aRepeatedSessionDeleteLeavesASessionCreatedSinceAlone() {
      assertThat(store.delete("s1", Optional.of(first))).isTrue();
      Session recreated = store.create("s1", SessionOptions.withTtl(TTL));

      assertThat(store.delete("s1", Optional.of(first))).isTrue();
      assertThat(store.get("s1").createdAt()).isEqualTo(recreated.createdAt());
    }

    @Test
    void aRepeatedCreateReturnsTheFirstReply() {
      Session created = store.create("s2", SessionOptions.withTtl(TTL), Optional.of(first));
      clock.advance(Duration.ofSeconds(1));

      assertThat(store.create("s2", SessionOptions.withTtl(TTL), Optional.of(first)))
          .isEqualTo(created);
    }

    @Test
    void aRepeatedProgramPutAppliesOnce() {
      Program put =
          store.putProgram("s1", "p", bytes("code"), Map.of("lang", "python"), Optional.of(first));

      assertThat(
              store.putProgram(
                  "s1", "p", bytes("code"), Map.of("lang", "python"), Optional.of(first)))
          .isEqualTo(put);
      assertThat(store.getProgram("s1", "p").version()).isEqualTo(1);
    }

    @Test
    void badRequestIdsAreInvalid() {
      for (String bad : List.of("", "a/b", "with space", "x".repeat(129))) {
        assertThatExceptionOfType(StoreException.InvalidArgument.class)
            .as(bad)
            .isThrownBy(() -> new RequestId(bad));
      }
    }

    @Test
    void anIdOutOfTheWindowIsNewAgainBeforeAndAfterExpiryForgetsIt() {
      putOnce("x", 1, OptionalLong.of(0), first);
      putOnce("y", 1, OptionalLong.of(0), second);
      clock.advance(RequestId.WINDOW);

      assertThat(putOnce("x", 2, OptionalLong.of(1), first).version()).isEqualTo(2);
      assertThat(store.expireIdleSessions()).isZero();
      assertThat(putOnce("y", 2, OptionalLong.of(1), second).version()).isEqualTo(2);
      assertThat(putOnce("y", 2, OptionalLong.of(1), second).version()).isEqualTo(2);
    }

    @Test
    void expiryKeepsTheRecordsStillInTheWindow() {
      putOnce("x", 1, OptionalLong.of(0), first);
      clock.advance(RequestId.WINDOW.minusSeconds(1));

      store.expireIdleSessions();

      assertThat(putOnce("x", 1, OptionalLong.of(0), first).version()).isEqualTo(1);
      assertThat(store.getVariable("s1", "x").version()).isEqualTo(1);
    }

    @Test
    void requestRecordsSurviveAReopenAndAreNotExported() {
      putOnce("x", 1, OptionalLong.of(0), first);

      store.close();
      store = reopen(clock);

      assertThat(putOnce("x", 1, OptionalLong.of(0), first).version()).isEqualTo(1);
      RecordPage exported = store.exportRecords("");
      assertThat(exported.getNextCursor()).isEmpty();
      assertThat(exported.getRecordsList())
          .extracting(SessionStoreContract::describe)
          .containsExactly("session s1 v1", "variable s1/x v1 = 1");
    }
  }

  @Nested
  class Persistence {

    @Test
    void everythingAcknowledgedSurvivesAReopen() {
      createSession("kept");
      store.update("kept", options -> options.withMetadata(Map.of("k", "v")));
      store.putVariable("kept", "x", intValue(42), ANY_VERSION);
      store.putVariable("kept", "gone", intValue(1), ANY_VERSION);
      store.deleteVariable("kept", "gone", ANY_VERSION);
      store.putProgram("kept", "p", bytes("code"), Map.of("lang", "python"));
      createSession("deleted");
      store.delete("deleted");
      clock.advance(Duration.ofSeconds(7));
      Session touched = store.get("kept");
      Variable variable = store.getVariable("kept", "x");
      Program program = store.getProgram("kept", "p");

      store.close();
      store = reopen(clock);

      assertThat(store.list("", 10).sessions()).containsExactly(touched);
      assertThat(store.getVariable("kept", "x")).isEqualTo(variable);
      assertThat(store.getProgram("kept", "p")).isEqualTo(program);
      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.getVariable("kept", "gone"));
      assertThat(store.exists("deleted")).isFalse();
    }

    @Test
    void anIdleSessionStillExpiresAfterAReopen() {
      createSession("s1");
      store.close();
      store = reopen(clock);
      clock.advance(TTL.plusSeconds(1));

      assertThat(store.expireIdleSessions()).isEqualTo(1);
    }
  }

  @Nested
  class ExportAndImport {

    @Test
    void anExportHoldsEveryRecordSessionsFirstThenVariablesThenPrograms() {
      createSession("b");
      createSession("a");
      store.putVariable("b", "x", intValue(1), ANY_VERSION);
      store.putVariable("a", "y", intValue(2), ANY_VERSION);
      store.putVariable("a", "y", intValue(3), ANY_VERSION);
      store.putProgram("a", "p", bytes("code"), Map.of("lang", "python"));

      List<StoredRecord> exported = exportAll();

      assertThat(exported)
          .extracting(SessionStoreContract::describe)
          .containsExactly(
              "session a v1",
              "session b v1",
              "variable a/y v2 = 3",
              "variable b/x v1 = 1",
              "program a/p v1");
    }

    @Test
    void pagesOfALargeStoreResumeAtTheirCursorAndHoldEachRecordOnce() {
      createSession("s");
      Value large = Value.newBuilder().setStringValue("x".repeat(300 * 1024)).build();
      int variables = 10;
      for (int i = 0; i < variables; i++) {
        store.putVariable("s", "v" + i, large, ANY_VERSION);
      }

      List<RecordPage> pages = exportPages();

      assertThat(pages).hasSizeGreaterThan(1);
      assertThat(pages.get(pages.size() - 1).getNextCursor()).isEmpty();
      assertThat(pages.stream().flatMap(page -> page.getRecordsList().stream()))
          .extracting(SessionStoreContract::describe)
          .doesNotHaveDuplicates()
          .hasSize(1 + variables);
    }

    @Test
    void importingAnExportIntoAnEmptyStoreRestoresItAsItWas() {
      Session created = createSession("s");
      store.putVariable("s", "x", intValue(1), ANY_VERSION);
      store.putVariable("s", "x", intValue(2), ANY_VERSION);
      store.putProgram("s", "p", bytes("code"), Map.of("lang", "python"));
      List<StoredRecord> exported = exportAll();
      store.delete("s");

      ImportCounts counts = store.importRecords(exported);

      assertThat(counts.getWritten()).isEqualTo(3);
      assertThat(store.get("s").version()).isEqualTo(created.version());
      assertThat(store.getVariable("s", "x").version()).isEqualTo(2);
      assertThat(store.getProgram("s", "p").data()).isEqualTo(bytes("code"));
      // Versions came along, so a writer that read before the move still compares right.
      assertThatExceptionOfType(StoreException.Conflict.class)
          .isThrownBy(() -> store.putVariable("s", "x", intValue(9), OptionalLong.of(1)));
      assertThat(store.putVariable("s", "x", intValue(3), OptionalLong.of(2)).version())
          .isEqualTo(3);
    }

    @Test
    void importingTheSameRecordsAgainWritesNothing() {
      createSession("s");
      store.putVariable("s", "x", intValue(1), ANY_VERSION);
      List<StoredRecord> exported = exportAll();

      ImportCounts counts = store.importRecords(exported);

      assertThat(counts.getWritten()).isZero();
      assertThat(counts.getUnchanged()).isEqualTo(2);
    }

    @Test
    void aRecordStoredWithOtherContentFailsTheWholeBatch() {
      createSession("s");
      store.putVariable("s", "x", intValue(1), ANY_VERSION);
      List<StoredRecord> exported = new ArrayList<>(exportAll());
      store.putVariable("s", "x", intValue(2), ANY_VERSION);
      exported.add(0, sessionRecord("new"));

      assertThatExceptionOfType(StoreException.Conflict.class)
          .isThrownBy(() -> store.importRecords(exported))
          .withMessageContaining("variable 'x' of session 's'");
      assertThat(store.exists("new")).isFalse();
    }

    @Test
    void aVariableWithoutItsSessionIsNotFound() {
      createSession("s");
      store.putVariable("s", "x", intValue(1), ANY_VERSION);
      List<StoredRecord> variableOnly = exportAll().subList(1, 2);
      store.delete("s");

      assertThatExceptionOfType(StoreException.NotFound.class)
          .isThrownBy(() -> store.importRecords(variableOnly));
    }

    @Test
    void anImportedSessionCountsAsAccessedWhenItArrives() {
      createSession("s");
      List<StoredRecord> exported = exportAll();
      store.delete("s");
      clock.advance(TTL.multipliedBy(3));

      store.importRecords(exported);
      clock.advance(TTL.dividedBy(2));

      assertThat(store.expireIdleSessions()).isZero();
      assertThat(store.get("s").createdAt()).isEqualTo(START);
    }

    @Test
    void recordsTheStoreWouldRefuseAreRefused() {
      StoredRecord badId =
          StoredRecord.newBuilder()
              .setSession(sessionRecord("ok").getSession().toBuilder().setId("no/slash"))
              .build();
      StoredRecord versionZero =
          StoredRecord.newBuilder()
              .setSession(sessionRecord("ok").getSession().toBuilder().setVersion(0))
              .build();

      for (StoredRecord bad : List.of(badId, versionZero, StoredRecord.getDefaultInstance())) {
        assertThatExceptionOfType(StoreException.InvalidArgument.class)
            .isThrownBy(() -> store.importRecords(List.of(bad)));
      }
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.exportRecords("meta/format-version"));
      assertThat(store.exists("ok")).isFalse();
    }

    private List<RecordPage> exportPages() {
      List<RecordPage> pages = new ArrayList<>();
      String cursor = "";
      do {
        RecordPage page = store.exportRecords(cursor);
        pages.add(page);
        cursor = page.getNextCursor();
      } while (!cursor.isEmpty());
      return pages;
    }

    private List<StoredRecord> exportAll() {
      return exportPages().stream().flatMap(page -> page.getRecordsList().stream()).toList();
    }

    private StoredRecord sessionRecord(String id) {
      return StoredRecord.newBuilder()
          .setSession(
              SessionRecord.newBuilder()
                  .setId(id)
                  .setVersion(1)
                  .setCreatedAtMillis(START.toEpochMilli())
                  .setLastAccessedMillis(START.toEpochMilli()))
          .build();
    }
  }

  @Nested
  class Nodes {

    @Test
    void registeredNodesAreListedInIdOrderAndARegistrationReplacesTheLast() {
      store.registerNode("b", "10.0.0.2:50051");
      store.registerNode("a", "10.0.0.1:50051");
      clock.advance(Duration.ofSeconds(1));
      store.registerNode("b", "10.0.0.2:6000");

      assertThat(store.nodes())
          .extracting(
              NodeRecord::getId, NodeRecord::getApiAddress, NodeRecord::getRegisteredAtMillis)
          .containsExactly(
              tuple("a", "10.0.0.1:50051", START.toEpochMilli()),
              tuple("b", "10.0.0.2:6000", START.plusSeconds(1).toEpochMilli()));
    }

    @Test
    void nodesAreNeitherSessionsNorExported() {
      store.registerNode("a", "10.0.0.1:50051");

      assertThat(store.list("", 10).sessions()).isEmpty();
      assertThat(store.exportRecords("").getRecordsList()).isEmpty();
    }

    @Test
    void aBadNodeIdOrAddressIsRefused() {
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.registerNode("no/slash", "10.0.0.1:1"));
      assertThatExceptionOfType(StoreException.InvalidArgument.class)
          .isThrownBy(() -> store.registerNode("a", ""));
      assertThat(store.nodes()).isEmpty();
    }
  }

  private static String describe(StoredRecord record) {
    return switch (record.getKindCase()) {
      case SESSION ->
          "session " + record.getSession().getId() + " v" + record.getSession().getVersion();
      case VARIABLE ->
          "variable "
              + record.getVariable().getSessionId()
              + "/"
              + record.getVariable().getName()
              + " v"
              + record.getVariable().getRecord().getVersion()
              + (record.getVariable().getRecord().getValue().hasIntValue()
                  ? " = " + record.getVariable().getRecord().getValue().getIntValue()
                  : "");
      case PROGRAM ->
          "program "
              + record.getProgram().getSessionId()
              + "/"
              + record.getProgram().getProgramId()
              + " v"
              + record.getProgram().getRecord().getVersion();
      case KIND_NOT_SET -> "empty";
    };
  }
}
