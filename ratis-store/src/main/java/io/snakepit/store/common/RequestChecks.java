package io.snakepit.store.common;

import io.snakepit.store.Identifiers;
import io.snakepit.store.SessionStore;
import io.snakepit.store.StoreException;
import java.util.OptionalLong;

/**
 * The argument checks and error messages every store shares, so that a client gets the same answer
 * from a single node and from a cluster.
 */
public final class RequestChecks {

  private RequestChecks() {}

  public static void checkVariableName(String sessionId, String name) {
    Identifiers.checkSessionId(sessionId);
    Identifiers.checkName("variable name", name);
  }

  public static void checkProgramId(String sessionId, String programId) {
    Identifiers.checkSessionId(sessionId);
    Identifiers.checkName("program id", programId);
  }

  public static void checkNode(String nodeId, String apiAddress) {
    Identifiers.checkName("node id", nodeId);
    if (apiAddress == null || apiAddress.isEmpty() || apiAddress.length() > 256) {
      throw new StoreException.InvalidArgument(
          "a node's API address must be 1 to 256 characters but was '" + apiAddress + "'");
    }
  }

  public static void checkPage(String cursor, int limit) {
    if (limit < 1 || limit > SessionStore.MAX_PAGE_SIZE) {
      throw new StoreException.InvalidArgument(
          "limit must be 1 to " + SessionStore.MAX_PAGE_SIZE + " but was " + limit);
    }
    if (!cursor.isEmpty()) {
      Identifiers.checkName("cursor", cursor);
    }
  }

  public static void checkPutExpectedVersion(OptionalLong expectedVersion) {
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() < 0) {
      throw new StoreException.InvalidArgument(
          "expected version must be 0 (absent) or positive but was " + expectedVersion.getAsLong());
    }
  }

  public static void checkDeleteExpectedVersion(OptionalLong expectedVersion) {
    if (expectedVersion.isPresent() && expectedVersion.getAsLong() <= 0) {
      throw new StoreException.InvalidArgument(
          "expected version of a delete must be positive but was " + expectedVersion.getAsLong());
    }
  }

  /** A variable's compare-and-set; {@code current} is 0 for a missing variable. */
  public static void checkExpectedVersion(
      OptionalLong expected, long current, String name, String sessionId) {
    if (expected.isPresent() && expected.getAsLong() != current) {
      throw new StoreException.Conflict(
          "variable '"
              + name
              + "' of session '"
              + sessionId
              + "' is at version "
              + current
              + ", not the expected "
              + expected.getAsLong());
    }
  }

  public static StoreException.NotFound sessionNotFound(String sessionId) {
    return new StoreException.NotFound("session '" + sessionId + "' does not exist");
  }

  public static StoreException.NotFound notFound(String what, String name, String sessionId) {
    return new StoreException.NotFound(
        what + " '" + name + "' does not exist in session '" + sessionId + "'");
  }
}
