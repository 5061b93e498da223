package io.snakepit.node.security;

import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.snakepit.api.v1.PeerGrpc;
import io.snakepit.api.v1.SnakepitGrpc;
import java.util.Optional;

/** Which role each method of the API port needs. */
final class MethodRoles {

  private static final String REFLECTION_PREFIX = "grpc.reflection.";

  private MethodRoles() {}

  /**
   * The role a method needs; empty for the health service, which load balancers ask without
   * credentials.
   */
  static Optional<Role> required(String fullMethodName) {
    String service = MethodDescriptor.extractFullServiceName(fullMethodName);
    if (service == null) {
      return Optional.of(Role.ADMIN);
    }
    if (service.equals(HealthGrpc.SERVICE_NAME)) {
      return Optional.empty();
    }
    if (service.equals(SnakepitGrpc.SERVICE_NAME) || service.startsWith(REFLECTION_PREFIX)) {
      return Optional.of(Role.CALL);
    }
    if (service.equals(PeerGrpc.SERVICE_NAME)) {
      return Optional.of(Role.PEER);
    }
    // The admin API, and any service added later until someone decides otherwise.
    return Optional.of(Role.ADMIN);
  }
}
