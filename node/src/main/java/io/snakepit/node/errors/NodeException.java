package io.snakepit.node.errors;

import io.snakepit.api.v1.ToolError;

/**
 * Failures the node itself decides (store failures are {@code StoreException}s). Closed so that
 * {@link StatusMapper} handles every case.
 */
public abstract sealed class NodeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Stable codes, one per subtype (Java 17 has no pattern switch over sealed types). */
  public enum Code {
    BAD_REQUEST,
    NOT_FOUND,
    POOL_EXHAUSTED,
    WORKER_UNAVAILABLE,
    DEADLINE_EXCEEDED,
    TOOL_FAILED
  }

  private final Code code;

  private NodeException(Code code, String message) {
    super(message);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  /** The caller sent something unusable: status INVALID_ARGUMENT. */
  public static final class BadRequest extends NodeException {
    private static final long serialVersionUID = 1L;

    public BadRequest(String message) {
      super(Code.BAD_REQUEST, message);
    }
  }

  /** No such tool or pool: status NOT_FOUND. */
  public static final class NotFound extends NodeException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(Code.NOT_FOUND, message);
    }
  }

  /** The pool's queue is full or the wait for a worker timed out: RESOURCE_EXHAUSTED. */
  public static final class PoolExhausted extends NodeException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterMillis;

    public PoolExhausted(String message, long retryAfterMillis) {
      super(Code.POOL_EXHAUSTED, message);
      this.retryAfterMillis = retryAfterMillis;
    }

    public long retryAfterMillis() {
      return retryAfterMillis;
    }
  }

  /** A worker died, is restarting, or none is up yet; a retry may succeed: UNAVAILABLE. */
  public static final class WorkerUnavailable extends NodeException {
    private static final long serialVersionUID = 1L;

    public WorkerUnavailable(String message) {
      super(Code.WORKER_UNAVAILABLE, message);
    }
  }

  /** The call's deadline passed before the tool finished: DEADLINE_EXCEEDED. */
  public static final class DeadlineExceeded extends NodeException {
    private static final long serialVersionUID = 1L;

    public DeadlineExceeded(String message) {
      super(Code.DEADLINE_EXCEEDED, message);
    }
  }

  /** The Python side reported a typed error: the status follows its kind. */
  public static final class ToolFailed extends NodeException {
    private static final long serialVersionUID = 1L;
    private final transient ToolError error;

    public ToolFailed(ToolError error) {
      super(Code.TOOL_FAILED, describe(error));
      this.error = error;
    }

    public ToolError error() {
      return error;
    }

    private static String describe(ToolError error) {
      return error.getType().isEmpty()
          ? error.getMessage()
          : error.getType() + ": " + error.getMessage();
    }
  }
}
