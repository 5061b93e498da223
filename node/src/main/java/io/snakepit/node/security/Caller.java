package io.snakepit.node.security;

import io.grpc.Context;
import java.util.Optional;

/**
 * Who a call comes from, as the node authenticated it: a certificate's common name or a token's
 * name, and the role that comes with it.
 */
public record Caller(String name, Role role) {

  static final Context.Key<Caller> KEY = Context.key("snakepit-caller");

  /** The caller of the current call; empty on a node that authenticates nobody. */
  public static Optional<Caller> current() {
    return Optional.ofNullable(KEY.get());
  }

  /**
   * Whether the caller may call a method that needs {@code required}: every role may make calls (an
   * admin does what a client does, a node makes the calls it forwards); the others are their own.
   */
  boolean may(Role required) {
    return role == required || required == Role.CALL;
  }
}
