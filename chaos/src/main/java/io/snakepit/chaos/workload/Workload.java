package io.snakepit.chaos.workload;

import io.snakepit.chaos.history.Op;
import io.snakepit.client.SnakepitClient;
import java.util.List;
import java.util.Random;

/**
 * What the clients do to the cluster and how their history is judged, as a Jepsen workload pairs a
 * generator, a client and a checker. Implementations are shared by every client thread.
 */
public interface Workload {

  String name();

  /** Once, before the clients start: e.g. creates the session they share. */
  void prepare(SnakepitClient client);

  /** A client's invocation number {@code step}, drawn from the client's own random source. */
  Op next(long process, long step, Random random);

  /** Runs the invocation through the SDK and says how it ended. */
  Outcome apply(SnakepitClient client, Op invocation);

  /** The reads that follow the healing of every fault; each is retried until it completes. */
  List<Op> finalReads(long process);

  CheckReport check(List<Op> history);
}
