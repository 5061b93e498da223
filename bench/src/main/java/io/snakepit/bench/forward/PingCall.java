package io.snakepit.bench.forward;

import io.snakepit.bench.load.ClientCall;
import io.snakepit.client.SnakepitClient;

/**
 * The example adapter's {@code ping} in the benchmark's session, entering through one node; counts
 * which node ran it, as the answer says.
 */
final class PingCall implements ClientCall {

  private final SnakepitClient entry;
  private final String session;
  private final WhereCallsRan ranOn;

  PingCall(SnakepitClient entry, String session, WhereCallsRan ranOn) {
    this.entry = entry;
    this.session = session;
    this.ranOn = ranOn;
  }

  @Override
  public void call() {
    ranOn.ranOn(ranBy(entry, session));
  }

  /** Pings through {@code entry} and returns the id of the node that ran the call. */
  static String ranBy(SnakepitClient entry, String session) {
    return entry.call("ping").session(session).executeDetailed().nodeId();
  }
}
