package io.snakepit.store;

/**
 * Every failure of a {@link SessionStore}. The subtypes are closed so that the node's one status
 * mapper can handle each of them; {@link #code()} is stable for logs and clients.
 */
public abstract sealed class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Stable codes, one per subtype. */
  public enum Code {
    NOT_FOUND,
    CONFLICT,
    INVALID_ARGUMENT,
    UNAVAILABLE,
    ALREADY_EXISTS,
    FAILED_PRECONDITION,
    INTERNAL
  }

  private StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public abstract Code code();

  /** The session, variable or program does not exist. */
  public static final class NotFound extends StoreException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message, null);
    }

    @Override
    public Code code() {
      return Code.NOT_FOUND;
    }
  }

  /** A compare-and-set lost: the version was not the expected one. Retry at a higher level. */
  public static final class Conflict extends StoreException {
    private static final long serialVersionUID = 1L;

    public Conflict(String message) {
      super(message, null);
    }

    @Override
    public Code code() {
      return Code.CONFLICT;
    }
  }

  /** A bad id, name, size or option. */
  public static final class InvalidArgument extends StoreException {
    private static final long serialVersionUID = 1L;

    public InvalidArgument(String message) {
      super(message, null);
    }

    @Override
    public Code code() {
      return Code.INVALID_ARGUMENT;
    }
  }

  /** The store cannot serve right now (closed, no leader yet); the call may be retried. */
  public static final class Unavailable extends StoreException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public Code code() {
      return Code.UNAVAILABLE;
    }
  }

  /** What the call would create is there already (a member of the group with the same id). */
  public static final class AlreadyExists extends StoreException {
    private static final long serialVersionUID = 1L;

    public AlreadyExists(String message) {
      super(message, null);
    }

    @Override
    public Code code() {
      return Code.ALREADY_EXISTS;
    }
  }

  /**
   * This store cannot do what was asked in its present state or kind, and retrying will not help
   * (changing the members of a store that has none).
   */
  public static final class FailedPrecondition extends StoreException {
    private static final long serialVersionUID = 1L;

    public FailedPrecondition(String message) {
      super(message, null);
    }

    @Override
    public Code code() {
      return Code.FAILED_PRECONDITION;
    }
  }

  /** A bug or a corrupt store. */
  public static final class Internal extends StoreException {
    private static final long serialVersionUID = 1L;

    public Internal(String message, Throwable cause) {
      super(message, cause);
    }

    @Override
    public Code code() {
      return Code.INTERNAL;
    }
  }
}
