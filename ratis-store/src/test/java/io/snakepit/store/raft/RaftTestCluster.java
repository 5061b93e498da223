package io.snakepit.store.raft;

import static org.awaitility.Awaitility.await;

import io.snakepit.store.v1.SessionRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.ratis.server.RaftServer;

/**
 * A group of real Ratis replicas in this JVM, each a {@link RaftSessionStore} on a loopback port
 * with its own directory, which tests stop, restart and inspect. Peers are named {@code n0}, {@code
 * n1}, ...
 */
public final class RaftTestCluster implements AutoCloseable {

  /** Short enough for fast tests, long enough that two busy cores do not cause needless terms. */
  public static final Duration ELECTION_TIMEOUT_MIN = Duration.ofMillis(300);

  public static final Duration ELECTION_TIMEOUT_MAX = Duration.ofMillis(600);
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final Map<String, RaftStoreConfig> configs;
  private final Map<String, RaftSessionStore> running = new ConcurrentHashMap<>();
  private final Path root;
  private final UnaryOperator<RaftStoreConfig> tuning;

  private RaftTestCluster(
      Map<String, RaftStoreConfig> configs, Path root, UnaryOperator<RaftStoreConfig> tuning) {
    this.configs = configs;
    this.root = root;
    this.tuning = tuning;
  }

  /**
   * Starts {@code size} replicas under {@code root}, with test election timeouts and then {@code
   * tuning} applied to each peer's config.
   */
  public static RaftTestCluster start(Path root, int size, UnaryOperator<RaftStoreConfig> tuning) {
    Map<String, String> peers = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      peers.put("n" + i, "127.0.0.1:" + TestPorts.free());
    }
    Map<String, RaftStoreConfig> configs = new LinkedHashMap<>();
    for (String id : peers.keySet()) {
      RaftStoreConfig config =
          RaftStoreConfig.defaults(peers, id, root.resolve(id))
              .withElectionTimeouts(ELECTION_TIMEOUT_MIN, ELECTION_TIMEOUT_MAX)
              .withRequestTimeout(WAIT);
      configs.put(id, tuning.apply(config));
    }
    RaftTestCluster cluster = new RaftTestCluster(configs, root, tuning);
    configs.keySet().forEach(cluster::startPeer);
    return cluster;
  }

  public List<String> peerIds() {
    return new ArrayList<>(configs.keySet());
  }

  /** The running store of a peer. */
  public RaftSessionStore store(String peerId) {
    RaftSessionStore store = running.get(peerId);
    if (store == null) {
      throw new IllegalStateException(peerId + " is not running");
    }
    return store;
  }

  public RaftSessionStore startPeer(String peerId) {
    RaftSessionStore store = RaftSessionStore.start(configs.get(peerId));
    running.put(peerId, store);
    return store;
  }

  /**
   * Starts a replica that is not yet a member ({@code join}), on a new port (a peer that ran before
   * keeps its address): peers are the group's first members and itself. Add it with {@link
   * io.snakepit.store.SessionStore.Membership#add}.
   */
  public RaftSessionStore startJoiner(String peerId) {
    Map<String, String> peers = new LinkedHashMap<>(configs.values().iterator().next().peers());
    peers.put(
        peerId, configs.containsKey(peerId) ? address(peerId) : "127.0.0.1:" + TestPorts.free());
    RaftStoreConfig config =
        RaftStoreConfig.defaults(peers, peerId, root.resolve(peerId))
            .withElectionTimeouts(ELECTION_TIMEOUT_MIN, ELECTION_TIMEOUT_MAX)
            .withRequestTimeout(WAIT)
            .withJoin(true);
    configs.put(peerId, tuning.apply(config));
    return startPeer(peerId);
  }

  /** The address a peer replicates on. */
  public String address(String peerId) {
    return configs.get(peerId).peers().get(peerId);
  }

  /** Stops a peer as a crash would, except that RocksDB and the log are closed cleanly. */
  public void stopPeer(String peerId) {
    Optional.ofNullable(running.remove(peerId)).ifPresent(RaftSessionStore::close);
  }

  /** Deletes a stopped peer's directory, as a replaced disk would leave it. */
  public void wipePeer(String peerId) throws IOException {
    if (running.containsKey(peerId)) {
      throw new IllegalStateException(peerId + " is running");
    }
    Path dir = configs.get(peerId).storageDir();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** Stops every peer, then starts them all again from their directories. */
  public void restartAll() {
    close();
    configs.keySet().forEach(this::startPeer);
  }

  /** Waits until one running peer leads, and returns its id. */
  public String awaitLeader() {
    return await().atMost(WAIT).until(this::currentLeader, Optional::isPresent).orElseThrow();
  }

  public Optional<String> currentLeader() {
    return running.keySet().stream().filter(this::isLeader).findFirst();
  }

  /** Whether this running peer's replica believes it leads (a cut-off one may, for a while). */
  /** The leader the peer's replica knows of, if any. */
  public Optional<String> leaderKnownBy(String peerId) {
    return Optional.ofNullable(division(store(peerId)).getInfo().getLeaderId())
        .map(Object::toString);
  }

  public boolean isLeader(String peerId) {
    return division(store(peerId)).getInfo().isLeader();
  }

  public long appliedIndex(String peerId) {
    return division(store(peerId)).getInfo().getLastAppliedIndex();
  }

  public long snapshotIndex(String peerId) {
    return Optional.ofNullable(stateMachine(peerId).getLatestSnapshot())
        .map(snapshot -> snapshot.getIndex())
        .orElse(-1L);
  }

  /** The first index still in a peer's log; above 0 once a snapshot let it purge. */
  public long logStartIndex(String peerId) {
    return division(store(peerId)).getRaftLog().getStartIndex();
  }

  /** Every session record a peer's replica holds, in id order, read from its own database. */
  public List<SessionRecord> replicaSessions(String peerId) {
    List<SessionRecord> sessions = new ArrayList<>();
    stateMachine(peerId).records().scanSessions("", sessions::add);
    return sessions;
  }

  public long currentTerm(String peerId) {
    return division(store(peerId)).getInfo().getCurrentTerm();
  }

  SessionStateMachine stateMachine(String peerId) {
    return (SessionStateMachine) division(store(peerId)).getStateMachine();
  }

  private static RaftServer.Division division(RaftSessionStore store) {
    try {
      return store.server().getDivision(RaftSetup.GROUP_ID);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops every peer at once (a replica takes about a second to stop, mostly waiting), after each
   * proposed its noted access times while a majority still runs.
   */
  @Override
  public void close() {
    running.values().forEach(RaftSessionStore::flushTouches);
    configs.keySet().parallelStream().forEach(this::stopPeer);
  }
}
