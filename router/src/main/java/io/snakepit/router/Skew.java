package io.snakepit.router;

import java.util.Collection;
import java.util.IntSummaryStatistics;

/** How unevenly sessions spread over members: (max − min) / mean of their counts. */
public final class Skew {

  private Skew() {}

  /** 0 for a perfect spread, and for no members or no sessions. */
  public static double of(Collection<Integer> sessionsPerMember) {
    IntSummaryStatistics counts =
        sessionsPerMember.stream().mapToInt(Integer::intValue).summaryStatistics();
    if (counts.getCount() == 0 || counts.getSum() == 0) {
      return 0;
    }
    return (counts.getMax() - counts.getMin()) / counts.getAverage();
  }
}
