package io.snakepit.store;

import java.time.Duration;
import java.util.Optional;

/**
 * A client's id of one write, so that the write can be sent again after its reply was lost without
 * being applied twice. Within {@link #WINDOW} of the first time the store applied a request with
 * this id, the same request is answered with the first reply (failure included) and changes
 * nothing, and another request with the id is an {@link StoreException.InvalidArgument}. After the
 * window the id is forgotten.
 *
 * <p>Ids follow the rules of {@link Identifiers} (a UUID fits) and are global: one id, one request,
 * whatever the session.
 */
public record RequestId(String value) {

  /**
   * How long the store remembers a request. Every replica of a Raft store decides with it, so it is
   * part of the replicated behaviour: change it only in a release that every replica runs.
   */
  public static final Duration WINDOW = Duration.ofMinutes(10);

  /**
   * @throws StoreException.InvalidArgument when the value breaks the rules of {@link Identifiers}
   */
  public RequestId {
    Identifiers.checkName("request id", value);
  }

  /** Empty for an empty value (the API's "no request id"), else the id. */
  public static Optional<RequestId> optional(String value) {
    return value.isEmpty() ? Optional.empty() : Optional.of(new RequestId(value));
  }
}
