package io.snakepit.node.security;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Decides who each call of the API port comes from, and whether that caller may make it, before any
 * service sees the call: a certificate of the cluster's CA that carries a role, else a bearer token
 * of the token file ({@code authorization: Bearer TOKEN}). Without either the call fails {@code
 * UNAUTHENTICATED}; a caller whose role does not allow the method gets {@code PERMISSION_DENIED}.
 * Neither reaches a worker or the store.
 */
public final class Authenticator implements ServerInterceptor {

  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final String BEARER = "Bearer ";
  private static final String PORT = "api";

  private final Optional<TokenFile> tokens;
  private final Refusals refusals;

  public Authenticator(Optional<TokenFile> tokens, Refusals refusals) {
    this.tokens = tokens;
    this.refusals = refusals;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<Role> required = MethodRoles.required(method);
    Optional<Caller> caller = identify(call, headers);
    if (required.isPresent()) {
      if (caller.isEmpty()) {
        return refuse(call, Status.UNAUTHENTICATED, unauthenticated(call, headers));
      }
      if (!caller.get().may(required.get())) {
        refusals.record(
            PORT,
            Refusals.Reason.WRONG_ROLE,
            caller.get().name() + " (role " + caller.get().role() + ") called " + method);
        return refuse(
            call,
            Status.PERMISSION_DENIED,
            "the role "
                + caller.get().role().name().toLowerCase(java.util.Locale.ROOT)
                + " may not call "
                + method);
      }
    }
    if (caller.isEmpty()) {
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(
        Context.current().withValue(Caller.KEY, caller.get()), call, headers, next);
  }

  /** The caller by certificate first, else by token; empty when neither says who it is. */
  private Optional<Caller> identify(ServerCall<?, ?> call, Metadata headers) {
    Optional<Caller> byCertificate = certificate(call).flatMap(Authenticator::caller);
    if (byCertificate.isPresent()) {
      return byCertificate;
    }
    return bearerToken(headers)
        .flatMap(token -> tokens.flatMap(file -> file.find(token)))
        .map(entry -> new Caller(entry.name(), entry.role()));
  }

  /** Why a caller is unknown, counted and logged; the answer names no secret either. */
  private String unauthenticated(ServerCall<?, ?> call, Metadata headers) {
    String from = "a call from " + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
    if (bearerToken(headers).isPresent()) {
      refusals.record(PORT, Refusals.Reason.UNKNOWN_TOKEN, from + " with a token not accepted");
      return "the token is not accepted";
    }
    if (certificate(call).isPresent()) {
      refusals.record(
          PORT, Refusals.Reason.NO_CREDENTIALS, from + " with a certificate that carries no role");
      return "the client certificate carries no role (OU=snakepit-call or snakepit-admin)";
    }
    refusals.record(PORT, Refusals.Reason.NO_CREDENTIALS, from + " without certificate or token");
    return "this node needs a client certificate or a bearer token (authorization: Bearer TOKEN)";
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(
      ServerCall<Q, R> call, Status status, String description) {
    call.close(status.withDescription(description), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static Optional<X509Certificate> certificate(ServerCall<?, ?> call) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate leaf
          ? Optional.of(leaf)
          : Optional.empty();
    } catch (SSLPeerUnverifiedException noCertificate) {
      return Optional.empty();
    }
  }

  private static Optional<Caller> caller(X509Certificate certificate) {
    return Role.of(certificate).map(role -> new Caller(commonName(certificate), role));
  }

  private static String commonName(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    try {
      for (Rdn part : new LdapName(subject).getRdns()) {
        if (part.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(part.getValue());
        }
      }
    } catch (InvalidNameException e) {
      // The JDK wrote the name itself; a subject without a readable CN goes by its whole name.
    }
    return subject;
  }

  private static Optional<String> bearerToken(Metadata headers) {
    String authorization = headers.get(AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.empty();
    }
    String token = authorization.substring(BEARER.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
