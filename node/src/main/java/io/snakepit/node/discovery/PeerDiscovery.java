package io.snakepit.node.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the Raft group's first members in DNS: asks for the SRV records of a name until they list
 * enough peers, this node among them, waiting longer after each miss.
 *
 * <p>DNS is read once, before the replica starts. Later changes of the records change nothing:
 * members come and go through {@code snakepit cluster add/remove}.
 */
public final class PeerDiscovery {

  private static final Logger log = LoggerFactory.getLogger(PeerDiscovery.class);

  static final Duration FIRST_WAIT = Duration.ofMillis(250);
  static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

  /** Waits between lookups; a test passes one that only moves its clock. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * What to look for.
   *
   * @param name the SRV name, e.g. {@code _raft._tcp.snakepit.default.svc.cluster.local}
   * @param selfId this node's peer id, which a record must name
   * @param expect how many peers form the group
   * @param start what this replica does: form the group, join it, or recover its membership
   * @param timeout how long to wait for the records before giving up
   */
  public record Request(String name, String selfId, int expect, Start start, Duration timeout) {
    public Request {
      if (expect < 1) {
        throw new IllegalArgumentException("expect at least one peer: " + expect);
      }
    }
  }

  /** How the replica that the peers are for starts. */
  public enum Start {
    /** a new group: exactly the expected peers, all listed by every node alike */
    FORM,
    /** a new member that a member adds later: this node and at least one other */
    JOIN,
    /**
     * a replica that kept its state: it takes its membership from its log, but until its log holds
     * one it starts from the peers found, so they must be the expected ones or more, never fewer
     */
    RECOVER
  }

  /** Discovery ended without a usable list of peers. */
  public static final class DiscoveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DiscoveryException(String message) {
      super(message);
    }
  }

  private final DnsLookup dns;
  private final Function<String, Optional<String>> address;
  private final Clock clock;
  private final Sleeper sleeper;

  /**
   * @param address where a target is reached, see {@link DnsPeers#of}
   */
  public PeerDiscovery(
      DnsLookup dns, Function<String, Optional<String>> address, Clock clock, Sleeper sleeper) {
    this.dns = dns;
    this.address = address;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /**
   * Blocks until DNS lists the peers the request needs.
   *
   * @return id to {@code host:port} of every peer found, this node included
   * @throws DiscoveryException after the request's timeout, or at once when DNS lists more peers
   *     than a new group expects
   */
  public Map<String, String> discover(Request request) throws InterruptedException {
    Instant deadline = clock.instant().plus(request.timeout());
    Duration wait = FIRST_WAIT;
    String seen = "nothing yet";
    String lastLogged = null;
    while (true) {
      Optional<Map<String, String>> peers = Optional.empty();
      try {
        Map<String, String> found = DnsPeers.of(dns.srv(request.name()), address);
        seen = found.isEmpty() ? "no peers" : found.toString();
        peers = Optional.of(found);
      } catch (DnsLookup.DnsException | IllegalArgumentException e) {
        seen = e.getMessage();
      }
      if (!seen.equals(lastLogged)) {
        log.info(
            "peer discovery: {} lists {}; waiting for {}", request.name(), seen, wanted(request));
        lastLogged = seen;
      }
      if (peers.isPresent() && enough(peers.get(), request)) {
        log.info("peer discovery: found the peers {}", peers.get());
        return peers.get();
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new DiscoveryException(
            "peer discovery gave up after "
                + request.timeout()
                + " (store.raft.discovery-timeout): the SRV records of "
                + request.name()
                + " never listed "
                + wanted(request)
                + "; last seen: "
                + seen);
      }
      sleeper.sleep(wait.compareTo(left) < 0 ? wait : left);
      wait = wait.multipliedBy(2).compareTo(LONGEST_WAIT) < 0 ? wait.multipliedBy(2) : LONGEST_WAIT;
    }
  }

  private static boolean enough(Map<String, String> peers, Request request) {
    if (!peers.containsKey(request.selfId())) {
      return false;
    }
    switch (request.start()) {
      case FORM:
        if (peers.size() > request.expect()) {
          throw new DiscoveryException(
              "the SRV records of "
                  + request.name()
                  + " list "
                  + peers.size()
                  + " peers "
                  + peers.keySet()
                  + " but store.raft.expect is "
                  + request.expect()
                  + ": a new group forms from exactly the expected peers. Start a node beyond"
                  + " them with store.raft.join=true and add it with snakepit cluster add,"
                  + " or set store.raft.expect to the number of nodes that form the group");
        }
        return peers.size() == request.expect();
      case JOIN:
        return peers.size() >= 2;
      case RECOVER:
        return peers.size() >= request.expect();
      default:
        throw new IllegalStateException("unknown start " + request.start());
    }
  }

  private static String wanted(Request request) {
    switch (request.start()) {
      case FORM:
        return request.expect() + " peers (store.raft.expect), " + request.selfId() + " among them";
      case JOIN:
        return request.selfId() + " and a member of the group to join";
      default:
        return "at least "
            + request.expect()
            + " peers (store.raft.expect), "
            + request.selfId()
            + " among them";
    }
  }

  /** The real sleeper. */
  public static Sleeper threadSleep() {
    return duration -> Thread.sleep(duration.toMillis());
  }
}
