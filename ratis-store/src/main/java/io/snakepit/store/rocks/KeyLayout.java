package io.snakepit.store.rocks;

import io.snakepit.store.v1.StoredRecord;
import java.nio.charset.StandardCharsets;

/**
 * Where each record lives in the store's one key space. A session's variables and programs share a
 * key prefix, so deleting a session is three deletes in one batch however much it holds.
 *
 * <pre>
 *   meta/format-version    decimal FormatVersion number
 *   meta/applied-position  LogPosition (Raft store only)
 *   s/{session}            SessionRecord
 *   v/{session}/{name}     VariableRecord
 *   p/{session}/{program}  ProgramRecord
 *   n/{node}               NodeRecord
 *   r/{request id}         RequestRecord (not exported)
 *   t/{applied at}/{id}    empty: the request records in the order they were applied, so that
 *                          forgetting them reads only those out of the window (not exported)
 * </pre>
 *
 * <p>The separator {@code /} is not allowed in identifiers (see {@code Identifiers}), so the prefix
 * of session {@code a} never matches keys of session {@code a.b} or {@code a0}.
 */
public final class KeyLayout {

  public static final byte[] FORMAT_VERSION = bytes("meta/format-version");

  /** The Raft store's last applied log entry; absent in an embedded store. */
  public static final byte[] APPLIED_POSITION = bytes("meta/applied-position");

  private static final String SESSIONS = "s/";
  private static final String VARIABLES = "v/";
  private static final String PROGRAMS = "p/";
  private static final String NODES = "n/";
  private static final String REQUESTS = "r/";
  private static final String REQUESTS_BY_TIME = "t/";
  private static final char SEPARATOR = '/';
  private static final int TIME_KEY_DIGITS = 16;

  private KeyLayout() {}

  public static byte[] session(String sessionId) {
    return bytes(SESSIONS + sessionId);
  }

  public static KeyRange allSessions() {
    return prefixRange(SESSIONS);
  }

  /** The sessions whose id sorts after {@code cursor}; every session for an empty cursor. */
  public static KeyRange sessionsAfter(String cursor) {
    KeyRange all = allSessions();
    return cursor.isEmpty() ? all : all.after(session(cursor));
  }

  public static byte[] node(String nodeId) {
    return bytes(NODES + nodeId);
  }

  public static KeyRange allNodes() {
    return prefixRange(NODES);
  }

  public static byte[] request(String requestId) {
    return bytes(REQUESTS + requestId);
  }

  /**
   * The index key of a request applied at {@code appliedAtMillis}: the time as 16 hexadecimal
   * digits, so that keys sort by time.
   */
  public static byte[] requestByTime(long appliedAtMillis, String requestId) {
    return bytes(REQUESTS_BY_TIME + timeKey(appliedAtMillis) + SEPARATOR + requestId);
  }

  /** The index keys of the requests applied before {@code millis}. */
  public static KeyRange requestsAppliedBefore(long millis) {
    KeyRange all = prefixRange(REQUESTS_BY_TIME);
    return new KeyRange(all.start(), bytes(REQUESTS_BY_TIME + timeKey(Math.max(0, millis))));
  }

  /** The request id in a key of {@link #requestsAppliedBefore}. */
  static String requestIdOfTimeKey(byte[] key) {
    String text = new String(key, StandardCharsets.UTF_8);
    return text.substring(text.indexOf(SEPARATOR, REQUESTS_BY_TIME.length()) + 1);
  }

  /** Zero-padded by hand: every write with a request id makes one, on the applying thread. */
  private static String timeKey(long millis) {
    String hex = Long.toHexString(millis);
    return "0".repeat(TIME_KEY_DIGITS - hex.length()) + hex;
  }

  public static KeyRange allVariables() {
    return prefixRange(VARIABLES);
  }

  public static KeyRange allPrograms() {
    return prefixRange(PROGRAMS);
  }

  /** The key of an exported record: where it is stored, and so where it sorts. */
  public static byte[] keyOf(StoredRecord record) {
    return switch (record.getKindCase()) {
      case SESSION -> session(record.getSession().getId());
      case VARIABLE ->
          variable(record.getVariable().getSessionId(), record.getVariable().getName());
      case PROGRAM ->
          program(record.getProgram().getSessionId(), record.getProgram().getProgramId());
      case KIND_NOT_SET -> throw new IllegalArgumentException("an empty record has no key");
    };
  }

  /**
   * The session id and the name in a variable's or program's key: the separator cannot occur in
   * either, so the first one after the prefix divides them.
   */
  static String[] sessionAndName(byte[] key) {
    String text = new String(key, StandardCharsets.UTF_8);
    int sessionStart = text.indexOf(SEPARATOR) + 1;
    int nameStart = text.indexOf(SEPARATOR, sessionStart) + 1;
    return new String[] {text.substring(sessionStart, nameStart - 1), text.substring(nameStart)};
  }

  public static byte[] variable(String sessionId, String name) {
    return bytes(VARIABLES + sessionId + SEPARATOR + name);
  }

  public static KeyRange variablesOf(String sessionId) {
    return prefixRange(VARIABLES + sessionId + SEPARATOR);
  }

  public static byte[] program(String sessionId, String programId) {
    return bytes(PROGRAMS + sessionId + SEPARATOR + programId);
  }

  public static KeyRange programsOf(String sessionId) {
    return prefixRange(PROGRAMS + sessionId + SEPARATOR);
  }

  /** Every key starting with {@code prefix}, which ends with the separator. */
  private static KeyRange prefixRange(String prefix) {
    byte[] start = bytes(prefix);
    byte[] end = start.clone();
    end[end.length - 1]++;
    return new KeyRange(start, end);
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
