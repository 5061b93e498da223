package io.snakepit.chaos.workload;

import io.snakepit.chaos.checker.LinearizabilityChecker;
import io.snakepit.chaos.edn.Keyword;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.CasRegister;
import io.snakepit.chaos.model.RegisterOps;
import io.snakepit.chaos.model.Semantics;
import io.snakepit.client.NotFoundException;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitException;
import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Random;

/**
 * The {@code sessions} workload: clients create, read and delete sessions with ids from a small,
 * sliding set. Each session id is a register that holds 1 while the session exists and is absent
 * otherwise (create writes 1, delete makes it absent, a read of a missing session sees it absent),
 * so the strict register model catches an acknowledged session that is lost, one that expires too
 * early, and a deleted one that comes back.
 */
public final class SessionsWorkload implements Workload {

  private static final long PRESENT = 1L;

  /**
   * The sessions' TTL is the run plus this. No correct store may then expire a session before the
   * final reads, as long as they follow the run within it (faults that heal at once; see {@link
   * #check} for those that do not). And for runs of up to 2.5 minutes the TTL is shorter than the
   * clock fault's largest jump, 3 minutes, so that a store that trusts one node's wall clock
   * deletes sessions nobody deleted: an expiry sweep stamped by a node whose clock jumped forward,
   * or a session stamped by a node whose clock jumped back, makes a session look idle for longer
   * than it was. A final read then finds a created session absent, which the register model
   * rejects.
   */
  static final Duration IDLE_BEYOND_THE_RUN = Duration.ofSeconds(30);

  /** A store may expire a session this much early: it notes reads' access times once a second. */
  private static final Duration TTL_PRECISION = Duration.ofSeconds(2);

  private final SlidingKeys ids = new SlidingKeys("s", 2, 20);
  private final Duration ttl;

  /**
   * @param runTime how long the clients run
   */
  SessionsWorkload(Duration runTime) {
    this.ttl = runTime.plus(IDLE_BEYOND_THE_RUN);
  }

  @Override
  public String name() {
    return "sessions";
  }

  @Override
  public void prepare(SnakepitClient client) {
    // every session is the workload's own
  }

  @Override
  public Op next(long process, long step, Random random) {
    String id = ids.next(step, random);
    int choice = random.nextInt(5);
    if (choice < 2) {
      return Op.invoke(process, RegisterOps.READ, null).onKey(id);
    }
    if (choice < 4) {
      return Op.invoke(process, RegisterOps.WRITE, PRESENT).onKey(id);
    }
    return Op.invoke(process, RegisterOps.DELETE, null).onKey(id);
  }

  @Override
  public Outcome apply(SnakepitClient client, Op invocation) {
    String id = (String) invocation.key();
    Keyword f = invocation.f();
    try {
      if (RegisterOps.WRITE.equals(f)) {
        client.createSession(id, Map.of(), ttl);
        return Outcome.ok(PRESENT);
      }
      if (RegisterOps.DELETE.equals(f)) {
        client.deleteSession(id);
        return Outcome.ok(null);
      }
      client.getSession(id);
      return Outcome.ok(PRESENT);
    } catch (NotFoundException absent) {
      return RegisterOps.READ.equals(f) ? Outcome.ok(null) : Outcome.unknown();
    } catch (SnakepitException e) {
      return Outcome.unknown(); // a create or delete may have been applied before the failure
    }
  }

  @Override
  public List<Op> finalReads(long process) {
    return ids.used().stream()
        .map(id -> Op.invoke(process, RegisterOps.READ, null).onKey(id))
        .toList();
  }

  /**
   * The register check, unless the history outlasts the TTL (a fault that heals slowly, such as a
   * membership change, delays the final reads): then a session absent from them may have expired as
   * it should, and a history the model rejects proves nothing.
   */
  @Override
  public CheckReport check(List<Op> history) {
    CheckReport report =
        Linearizability.report(
            new LinearizabilityChecker(Duration.ofMinutes(2))
                .check(new CasRegister(null, Semantics.STRICT), Pairing.pair(history)),
            ids.used().size()
                + " session ids as registers, strict model, TTL "
                + ttl.toSeconds()
                + " s");
    Duration span = span(history);
    if (report.validity() != CheckReport.Validity.INVALID
        || span.compareTo(ttl.minus(TTL_PRECISION)) < 0) {
      return report;
    }
    return new CheckReport(
        CheckReport.Validity.UNKNOWN,
        report.summary(),
        "the history spans "
            + span.toSeconds()
            + " s, about the sessions' TTL or more: a session may have expired as it should\n"
            + report.details());
  }

  private static Duration span(List<Op> history) {
    LongSummaryStatistics times =
        history.stream()
            .filter(op -> !op.isNemesis() && op.time() != null)
            .mapToLong(Op::time)
            .summaryStatistics();
    return times.getCount() == 0
        ? Duration.ZERO
        : Duration.ofNanos(times.getMax() - times.getMin());
  }
}
