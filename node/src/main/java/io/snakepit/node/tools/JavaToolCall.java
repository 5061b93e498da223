package io.snakepit.node.tools;

import io.grpc.Deadline;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One call of a {@link JavaTool}: its keyword arguments, its session and its deadline. */
public final class JavaToolCall {

  private final Map<String, Object> args;
  private final String sessionId;
  private final Deadline deadline;

  /**
   * @param args the keyword arguments, as the SDK converts values to Java
   * @param sessionId the call's session, empty for none
   */
  public JavaToolCall(Map<String, ?> args, String sessionId, Deadline deadline) {
    this.args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    this.sessionId = sessionId;
    this.deadline = deadline;
  }

  /** Every keyword argument, in the caller's order. */
  public Map<String, Object> args() {
    return args;
  }

  /**
   * A required argument of the given type ({@code Long}, {@code Double}, {@code String}, {@code
   * byte[]}, {@code List}, {@code Map}...).
   *
   * @throws IllegalArgumentException when it is missing or of another type
   */
  public <T> T arg(String name, Class<T> type) {
    Object value = args.get(name);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          value == null
              ? "missing argument '" + name + "'"
              : "argument '"
                  + name
                  + "' must be "
                  + type.getSimpleName()
                  + ", not "
                  + value.getClass().getSimpleName());
    }
    return type.cast(value);
  }

  /** The session the call runs in, if any. */
  public Optional<String> sessionId() {
    return sessionId.isEmpty() ? Optional.empty() : Optional.of(sessionId);
  }

  /** What is left of the caller's deadline (zero once it passed). */
  public Duration timeRemaining() {
    return Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
  }
}
