package io.snakepit.chaos.run;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A planted bug: a node that answers half of its variable reads from an older state, as a replica
 * that serves reads without checking it is up to date would. It sits between a client and the node
 * it talks to, and replaces a fresh answer with one it gave earlier for the same variable.
 */
final class StaleReads implements ClientInterceptor {

  private final Random random;
  private final Map<String, List<Variable>> answered = new HashMap<>();

  StaleReads(long seed) {
    this.random = new Random(seed);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(
      MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!method.equals(SnakepitGrpc.getGetVariableMethod())) {
      return call;
    }
    return new SimpleForwardingClientCall<>(call) {
      private String variable;

      @Override
      public void sendMessage(Q request) {
        GetVariableRequest get = (GetVariableRequest) request;
        variable = get.getSessionId() + "/" + get.getName();
        super.sendMessage(request);
      }

      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              @SuppressWarnings("unchecked")
              public void onMessage(R message) {
                super.onMessage((R) maybeStale(variable, (Variable) message));
              }
            },
            headers);
      }
    };
  }

  private synchronized Variable maybeStale(String variable, Variable fresh) {
    List<Variable> earlier = answered.computeIfAbsent(variable, name -> new ArrayList<>());
    earlier.add(fresh);
    if (earlier.size() < 2 || random.nextBoolean()) {
      return fresh;
    }
    return earlier.get(random.nextInt(earlier.size() - 1));
  }
}
