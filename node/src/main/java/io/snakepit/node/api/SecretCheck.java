package io.snakepit.node.api;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.snakepit.node.worker.WorkerChannels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Admits only calls that carry this run's secret: the callback socket is for our workers only. */
public final class SecretCheck implements ServerInterceptor {

  private final byte[] secret;

  public SecretCheck(String secret) {
    this.secret = secret.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String presented = headers.get(WorkerChannels.SECRET_HEADER);
    if (presented == null
        || !MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.US_ASCII))) {
      call.close(
          Status.UNAUTHENTICATED.withDescription("wrong or missing run secret"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
