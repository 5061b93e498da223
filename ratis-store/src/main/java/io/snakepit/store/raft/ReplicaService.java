package io.snakepit.store.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.snakepit.store.v1.ForwardedRead;
import io.snakepit.store.v1.Reply;
import io.snakepit.store.v1.TermReply;
import io.snakepit.store.v1.TermRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletionException;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.server.GrpcServices;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.io.grpc.MethodDescriptor;
import org.apache.ratis.thirdparty.io.grpc.ServerServiceDefinition;
import org.apache.ratis.thirdparty.io.grpc.Status;
import org.apache.ratis.thirdparty.io.grpc.stub.ServerCalls;
import org.apache.ratis.thirdparty.io.grpc.stub.StreamObserver;

/**
 * What replicas ask each other for reads, on each replica's Raft port beside Ratis's own services:
 * a follower's term ({@link #CURRENT_TERM}) and a read a follower's node sends on to the leader
 * ({@link #READ}). Bare methods rather than requests to Ratis's server, because a read forwarded
 * through Ratis's client cannot say which replica sent it on, at which term.
 */
final class ReplicaService {

  private static final String SERVICE = "snakepit.store.v1.Replica";

  static final MethodDescriptor<TermRequest, TermReply> CURRENT_TERM =
      method("CurrentTerm", TermRequest.parser(), TermReply.parser());

  static final MethodDescriptor<ForwardedRead, Reply> READ =
      method("Read", ForwardedRead.parser(), Reply.parser());

  private ReplicaService() {}

  /** Parameters for the replica's server that add the methods to its Raft port. */
  static Parameters serverParameters(SessionStateMachine machine) {
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(
                CURRENT_TERM,
                ServerCalls.asyncUnaryCall((request, answer) -> currentTerm(machine, answer)))
            .addMethod(
                READ,
                ServerCalls.asyncUnaryCall((request, answer) -> read(machine, request, answer)))
            .build();
    Parameters parameters = new Parameters();
    GrpcConfigKeys.Server.setServicesCustomizer(
        parameters,
        (builder, types) ->
            types.contains(GrpcServices.Type.SERVER) ? builder.addService(service) : builder);
    return parameters;
  }

  private static void currentTerm(SessionStateMachine machine, StreamObserver<TermReply> answer) {
    RaftServer started = machine.getServer().getNow(null);
    if (started == null) {
      answer.onError(Status.UNAVAILABLE.withDescription("the replica is starting").asException());
      return;
    }
    try {
      long term = started.getDivision(RaftSetup.GROUP_ID).getInfo().getCurrentTerm();
      answer.onNext(TermReply.newBuilder().setTerm(term).build());
      answer.onCompleted();
    } catch (IOException e) {
      answer.onError(
          Status.UNAVAILABLE
              .withDescription("the replica is not in the session group")
              .withCause(e)
              .asException());
    }
  }

  private static void read(
      SessionStateMachine machine, ForwardedRead read, StreamObserver<Reply> answer) {
    machine
        .queryForwarded(RaftPeerId.valueOf(read.getAsker()), read.getAskerTerm(), read.getQuery())
        .whenComplete(
            (reply, failure) -> {
              if (failure == null) {
                answer.onNext(reply);
                answer.onCompleted();
              } else {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                answer.onError(
                    Status.UNAVAILABLE
                        .withDescription(String.valueOf(cause.getMessage()))
                        .withCause(cause)
                        .asException());
              }
            });
  }

  private static <Q extends MessageLite, A extends MessageLite> MethodDescriptor<Q, A> method(
      String name, Parser<Q> request, Parser<A> reply) {
    return MethodDescriptor.<Q, A>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .setRequestMarshaller(new ProtoMarshaller<>(request))
        .setResponseMarshaller(new ProtoMarshaller<>(reply))
        .build();
  }

  /** Carries the project's protobuf messages over Ratis's shaded gRPC. */
  private record ProtoMarshaller<T extends MessageLite>(Parser<T> parser)
      implements MethodDescriptor.Marshaller<T> {

    @Override
    public InputStream stream(T message) {
      return new ByteArrayInputStream(message.toByteArray());
    }

    @Override
    public T parse(InputStream stream) {
      try {
        return parser.parseFrom(stream);
      } catch (InvalidProtocolBufferException e) {
        throw Status.INTERNAL
            .withDescription("an unreadable message between replicas")
            .withCause(e)
            .asRuntimeException();
      }
    }
  }
}
