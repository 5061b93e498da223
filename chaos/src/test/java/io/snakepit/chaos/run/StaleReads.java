package io.snakepit.chaos.run;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.Variable;
import io.snakepit.api.v1.VariableOperation;
import io.snakepit.api.v1.VariableOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A planted bug: a node that answers half of its variable reads from an older state, as a replica
 * that serves reads without checking it is up to date would. It sits between a client and the node
 * it talks to, and replaces a fresh answer with one it gave earlier for the same variable, in a
 * GetVariable call or among the outcomes of a BatchVariables call.
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
    if (method.equals(SnakepitGrpc.getGetVariableMethod())) {
      return answeredStale(
          call,
          request -> {
            GetVariableRequest get = (GetVariableRequest) request;
            return message -> maybeStale(key(get), (Variable) message);
          });
    }
    if (method.equals(SnakepitGrpc.getBatchVariablesMethod())) {
      return answeredStale(
          call, request -> message -> staleGets((BatchVariablesRequest) request, message));
    }
    return call;
  }

  /** The call with each answer replaced by what {@code stale} makes of it, given the request. */
  private static <Q, R> ClientCall<Q, R> answeredStale(
      ClientCall<Q, R> call, Function<Object, UnaryOperator<Object>> stale) {
    return new SimpleForwardingClientCall<>(call) {
      private UnaryOperator<Object> replace;

      @Override
      public void sendMessage(Q request) {
        replace = stale.apply(request);
        super.sendMessage(request);
      }

      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(
            new SimpleForwardingClientCallListener<>(listener) {
              @Override
              @SuppressWarnings("unchecked")
              public void onMessage(R message) {
                super.onMessage((R) replace.apply(message));
              }
            },
            headers);
      }
    };
  }

  /** A batch's answer with each of its reads that found a variable maybe answered stale. */
  private Object staleGets(BatchVariablesRequest request, Object message) {
    BatchVariablesResponse.Builder response = ((BatchVariablesResponse) message).toBuilder();
    for (int i = 0; i < response.getOutcomesCount(); i++) {
      VariableOperation operation = request.getOperations(i);
      VariableOutcome outcome = response.getOutcomes(i);
      if (operation.hasGet() && outcome.hasVariable()) {
        response.setOutcomes(
            i,
            outcome.toBuilder()
                .setVariable(maybeStale(key(operation.getGet()), outcome.getVariable())));
      }
    }
    return response.build();
  }

  private static String key(GetVariableRequest get) {
    return get.getSessionId() + "/" + get.getName();
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
