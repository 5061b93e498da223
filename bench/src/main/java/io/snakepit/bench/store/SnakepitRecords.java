package io.snakepit.bench.store;

import io.snakepit.client.NotFoundException;
import io.snakepit.client.SnakepitClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Records as session variables of a Snakepit cluster, through the Java SDK: record {@code r} is the
 * variable {@code record} of session {@code bench-r}, one session per record as each session of a
 * real deployment keeps its own state. One client, so one channel, per node.
 */
final class SnakepitRecords implements RecordStore {

  private static final String VARIABLE = "record";

  private final List<SnakepitClient> nodes;

  SnakepitRecords(List<String> targets, Duration callTimeout) {
    nodes =
        targets.stream()
            .map(target -> SnakepitClient.builder().target(target).defaultTimeout(callTimeout))
            .map(builder -> builder.build())
            .toList();
  }

  /** Creates each record's session, with no TTL: no session may expire during a run. */
  @Override
  public void prepare(int count) {
    for (int record = 0; record < count; record++) {
      node(record).createSession(session(record), Map.of(), Duration.ZERO);
    }
  }

  @Override
  public long compareAndSet(int record, long expectedVersion, byte[] value) {
    return node(record).putVariable(session(record), VARIABLE, value, expectedVersion);
  }

  @Override
  public long version(int record) {
    try {
      return node(record).getVariable(session(record), VARIABLE).version();
    } catch (NotFoundException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    nodes.forEach(SnakepitClient::close);
  }

  private SnakepitClient node(int record) {
    return nodes.get(record % nodes.size());
  }

  private static String session(int record) {
    return "bench-" + record;
  }
}
