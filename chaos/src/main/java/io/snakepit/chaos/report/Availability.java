package io.snakepit.chaos.report;

import io.snakepit.chaos.fault.FaultWindow;
import io.snakepit.chaos.history.Op;
import io.snakepit.chaos.history.OpType;
import io.snakepit.chaos.history.Operation;
import io.snakepit.chaos.history.Pairing;
import io.snakepit.chaos.model.RegisterOps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long each fault kept every client from writing, and how long the clients took after its heal
 * to get back to speed, read off a run's history:
 *
 * <ul>
 *   <li><b>to the first write</b>: from the fault's start to the acknowledgement of the first write
 *       (any operation but a read) invoked after that start, by any client. A write invoked before
 *       may have been committed before the fault and only acknowledged after it, so it does not
 *       count;
 *   <li><b>to recovery</b>: from the heal to the first second (a window starting at an
 *       acknowledgement) holding at least half as many acknowledged operations, of any kind, as a
 *       second of the quiet spell before the fault held on average.
 * </ul>
 *
 * Either is absent when it never happened before the clients stopped. The medians leave absent
 * figures out; {@link #neverRecovered} counts the faults after which the rate never came back.
 */
public record Availability(List<Availability.Fault> faults) {

  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  /** How long the clients must go on after a heal for its recovery to be measured. */
  private static final long MEASURED_AFTER_HEAL = 3 * SECOND;

  /**
   * One fault's figures; {@code ratePerSecond} is the quiet spell's before it. A fault healed less
   * than three seconds before the clients stopped has no recovery to measure ({@code
   * healedInTime}).
   */
  public record Fault(
      FaultWindow window,
      Optional<Duration> toFirstWrite,
      Optional<Duration> toRecovery,
      double ratePerSecond,
      boolean healedInTime) {}

  /**
   * @param clientsStart when the clients started, on the history's clock: the first quiet spell's
   *     start
   * @param clientsEnd when they stopped: what comes after (the final reads) is no client load
   */
  public static Availability of(
      List<Op> history, List<FaultWindow> windows, long clientsStart, long clientsEnd) {
    List<Operation> acknowledged =
        Pairing.pair(history).stream()
            .filter(operation -> operation.outcome() == OpType.OK)
            .filter(operation -> operation.completion().time() != null)
            .toList();
    List<Long> acknowledgedAt =
        acknowledged.stream().map(operation -> operation.completion().time()).sorted().toList();
    List<Fault> faults = new ArrayList<>();
    long quietSince = clientsStart;
    for (FaultWindow window : windows) {
      double rate = perSecond(acknowledgedAt, quietSince, window.startNanos());
      faults.add(
          new Fault(
              window,
              firstWriteAfter(acknowledged, window.startNanos()),
              recoveryAfter(acknowledgedAt, window.endNanos(), rate, clientsEnd),
              rate,
              window.endNanos() + MEASURED_AFTER_HEAL <= clientsEnd));
      quietSince = window.endNanos();
    }
    return new Availability(List.copyOf(faults));
  }

  /** The faults inflicted on the node that led the group when they began. */
  public Availability onTheLeader() {
    return new Availability(
        faults.stream().filter(fault -> fault.window().hitTheLeader()).toList());
  }

  public Optional<Duration> medianToFirstWrite() {
    return median(faults, Fault::toFirstWrite);
  }

  public Optional<Duration> medianToRecovery() {
    return median(faults, Fault::toRecovery);
  }

  /** Faults healed in time whose clients never got back to half their rate before they stopped. */
  public long neverRecovered() {
    return faults.stream()
        .filter(fault -> fault.healedInTime() && fault.toRecovery().isEmpty())
        .count();
  }

  private static Optional<Duration> firstWriteAfter(List<Operation> acknowledged, long start) {
    return acknowledged.stream()
        .filter(operation -> !RegisterOps.READ.equals(operation.f()))
        .filter(operation -> operation.invocation().time() >= start)
        .mapToLong(operation -> operation.completion().time())
        .min()
        .stream()
        .mapToObj(at -> Duration.ofNanos(at - start))
        .findFirst();
  }

  /** Only whole windows count: one the clients' end cut short holds too few by construction. */
  private static Optional<Duration> recoveryAfter(
      List<Long> acknowledgedAt, long heal, double rate, long clientsEnd) {
    long needed = Math.max(1, (long) Math.ceil(rate / 2));
    int first = firstAtOrAfter(acknowledgedAt, heal);
    for (int i = first; i + needed - 1 < acknowledgedAt.size(); i++) {
      long windowStart = acknowledgedAt.get(i);
      if (windowStart + SECOND > clientsEnd) {
        break;
      }
      if (acknowledgedAt.get((int) (i + needed - 1)) < windowStart + SECOND) {
        return Optional.of(Duration.ofNanos(windowStart - heal));
      }
    }
    return Optional.empty();
  }

  private static double perSecond(List<Long> acknowledgedAt, long from, long to) {
    if (to <= from) {
      return 0;
    }
    long count = firstAtOrAfter(acknowledgedAt, to) - (long) firstAtOrAfter(acknowledgedAt, from);
    return count * (double) SECOND / (to - from);
  }

  private static int firstAtOrAfter(List<Long> sorted, long time) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted.get(middle) < time) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private static Optional<Duration> median(
      List<Fault> faults, Function<Fault, Optional<Duration>> figure) {
    List<Long> sorted =
        faults.stream()
            .map(figure)
            .flatMap(Optional::stream)
            .map(Duration::toNanos)
            .sorted()
            .toList();
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    int middle = sorted.size() / 2;
    long median =
        sorted.size() % 2 == 1
            ? sorted.get(middle)
            : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    return Optional.of(Duration.ofNanos(median));
  }
}
