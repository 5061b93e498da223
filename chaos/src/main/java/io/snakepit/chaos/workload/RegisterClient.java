package io.snakepit.chaos.workload;

import io.snakepit.client.ConflictException;
import io.snakepit.client.NotFoundException;
import io.snakepit.client.SnakepitClient;
import io.snakepit.client.SnakepitException;
import io.snakepit.client.VariableValue;
import java.util.Arrays;
import java.util.Objects;

/**
 * Registers kept as variables of one session, read and written through the Java SDK the way the
 * strict register model reads them: an absent variable is the register's nil, and a failed
 * compare-and-set is reported only when a read inside the operation saw another value.
 */
final class RegisterClient {

  /** Rounds of read-then-swap before a compare-and-set gives up as unknown. */
  private static final int CAS_ROUNDS = 8;

  private final SnakepitClient client;
  private final String session;

  RegisterClient(SnakepitClient client, String session) {
    this.client = client;
    this.session = session;
  }

  Outcome read(String key) {
    try {
      return Outcome.ok(client.getVariable(session, key).value());
    } catch (NotFoundException e) {
      return Outcome.ok(null);
    } catch (SnakepitException e) {
      return Outcome.unknown();
    }
  }

  Outcome write(String key, long value) {
    try {
      client.putVariable(session, key, value);
      return Outcome.ok(value);
    } catch (SnakepitException e) {
      return Outcome.unknown(); // the write may have been applied before the failure
    }
  }

  /**
   * Sets the register to {@code replacement} if it holds {@code expected} (null: absent). The API
   * compares versions, not values, so this reads the version first; a version conflict only says
   * that someone wrote in between, maybe the same value, so it reads again rather than report a
   * failure it did not observe.
   */
  Outcome compareAndSet(String key, Long expected, long replacement) {
    try {
      for (int round = 0; round < CAS_ROUNDS; round++) {
        long version;
        try {
          VariableValue current = client.getVariable(session, key);
          if (!Objects.equals(current.value(), expected)) {
            return Outcome.fail();
          }
          version = current.version();
        } catch (NotFoundException e) {
          if (expected != null) {
            return Outcome.fail();
          }
          version = 0;
        }
        try {
          client.putVariable(session, key, replacement, version);
          return Outcome.ok(Arrays.asList(expected, replacement));
        } catch (ConflictException e) {
          // lost the race: look again
        }
      }
      return Outcome.unknown();
    } catch (SnakepitException e) {
      return Outcome.unknown();
    }
  }
}
