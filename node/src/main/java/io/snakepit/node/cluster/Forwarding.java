package io.snakepit.node.cluster;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.snakepit.node.security.Caller;
import io.snakepit.node.security.Refusals;
import io.snakepit.node.security.Role;
import java.util.Optional;

/**
 * The hop marker: a node forwarding a call names itself in a header, and the node receiving it runs
 * it there, whatever its own routing would say, so that nodes whose views of the cluster differ for
 * a moment cannot pass a call back and forth.
 *
 * <p>On a node that authenticates its callers, only another node may set the marker: from anyone
 * else it is ignored (and counted), so that no client can pin where its call runs.
 */
public final class Forwarding implements ServerInterceptor {

  static final Metadata.Key<String> FORWARDED_BY =
      Metadata.Key.of("snakepit-forwarded-by", Metadata.ASCII_STRING_MARSHALLER);

  private static final Context.Key<String> FORWARDER = Context.key("snakepit-forwarded-by");

  private final Refusals refusals;

  public Forwarding(Refusals refusals) {
    this.refusals = refusals;
  }

  /** The node that forwarded the current call, if another node did. */
  public static Optional<String> forwardedBy() {
    return Optional.ofNullable(FORWARDER.get());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String forwarder = headers.get(FORWARDED_BY);
    if (forwarder == null) {
      return next.startCall(call, headers);
    }
    Optional<Caller> caller = Caller.current();
    if (caller.isPresent() && caller.get().role() != Role.PEER) {
      refusals.record(
          "api",
          Refusals.Reason.SPOOFED_FORWARDING,
          caller.get().name() + " sent the hop marker of " + forwarder + "; routed as any call");
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(
        Context.current().withValue(FORWARDER, forwarder), call, headers, next);
  }
}
