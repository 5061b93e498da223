package io.snakepit.node.cluster;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.ExecuteChunk;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.node.errors.NodeException;
import io.snakepit.node.errors.StatusMapper;
import io.snakepit.node.execute.Executions;
import io.snakepit.router.Requirement;
import io.snakepit.router.Router;
import java.util.List;
import java.util.Optional;

/**
 * Sends each execute to the node that should run it: a session's calls to the session's owner (its
 * warm Python state lives there), the next node in the session's order when the owner cannot be
 * reached, and calls without a session to the least busy node that has their pool. A call another
 * node forwarded runs here.
 */
public final class ExecuteRouter implements Executions {

  private interface Attempt<T> {
    void local(ExecuteRequest request, ServerCallStreamObserver<T> caller);

    void forward(
        PeerAddress peer,
        ExecuteRequest request,
        ServerCallStreamObserver<T> caller,
        Runnable unreachable);
  }

  private final String selfId;
  private final Router router;
  private final PeerDirectory directory;
  private final Attempt<ExecuteResponse> unary;
  private final Attempt<ExecuteChunk> streaming;

  public ExecuteRouter(
      String selfId, PeerDirectory directory, CallForwarder forwarder, Executions local) {
    this.selfId = selfId;
    this.router = new Router(selfId);
    this.directory = directory;
    this.unary =
        new Attempt<>() {
          @Override
          public void local(
              ExecuteRequest request, ServerCallStreamObserver<ExecuteResponse> caller) {
            local.execute(request, caller);
          }

          @Override
          public void forward(
              PeerAddress peer,
              ExecuteRequest request,
              ServerCallStreamObserver<ExecuteResponse> caller,
              Runnable unreachable) {
            forwarder.execute(peer, request, caller, unreachable);
          }
        };
    this.streaming =
        new Attempt<>() {
          @Override
          public void local(ExecuteRequest request, ServerCallStreamObserver<ExecuteChunk> caller) {
            local.executeStream(request, caller);
          }

          @Override
          public void forward(
              PeerAddress peer,
              ExecuteRequest request,
              ServerCallStreamObserver<ExecuteChunk> caller,
              Runnable unreachable) {
            forwarder.executeStream(peer, request, caller, unreachable);
          }
        };
  }

  @Override
  public void execute(ExecuteRequest request, ServerCallStreamObserver<ExecuteResponse> caller) {
    new Routing<>(request, caller, unary, route(request)).next(0);
  }

  @Override
  public void executeStream(ExecuteRequest request, ServerCallStreamObserver<ExecuteChunk> caller) {
    new Routing<>(request, caller, streaming, route(request)).next(0);
  }

  /**
   * The nodes to try, in order. This node alone for a forwarded call, and when no node qualifies
   * (at start, before the first poll; or a pool no live node has): it answers with its own error.
   */
  List<String> route(ExecuteRequest request) {
    if (Forwarding.forwardedBy().isPresent()) {
      return List.of(selfId);
    }
    Optional<String> session =
        request.getSessionId().isEmpty() ? Optional.empty() : Optional.of(request.getSessionId());
    List<String> route = router.route(session, requirement(request), directory.members());
    return route.isEmpty() ? List.of(selfId) : route;
  }

  private static Requirement requirement(ExecuteRequest request) {
    return new Requirement(
        request.getPool().isEmpty() ? Optional.empty() : Optional.of(request.getPool()),
        request.getRequiresMap());
  }

  /**
   * The request as this node runs it: a call that requires labels without naming a pool runs in
   * this node's first pool that declares them.
   *
   * @throws NodeException.NotFound when the pool it names, or every pool, lacks the labels
   */
  private ExecuteRequest forThisNode(ExecuteRequest request) {
    if (request.getRequiresCount() == 0) {
      return request;
    }
    Requirement requirement = requirement(request);
    return directory.self().pools().stream()
        .filter(requirement::satisfiedBy)
        .findFirst()
        .map(pool -> request.toBuilder().setPool(pool.name()).build())
        .orElseThrow(
            () ->
                new NodeException.NotFound(
                    "no live node has "
                        + (request.getPool().isEmpty()
                            ? "a pool"
                            : "a pool '" + request.getPool() + "'")
                        + " with the labels "
                        + request.getRequiresMap()));
  }

  /** One call's way through its route. */
  private final class Routing<T> {

    private final ExecuteRequest request;
    private final ServerCallStreamObserver<T> caller;
    private final Attempt<T> attempt;
    private final List<String> route;
    // Later attempts start from the callbacks of a failed one: in the caller's context, so that
    // its deadline and cancellation still reach them.
    private final Context context = Context.current();

    Routing(
        ExecuteRequest request,
        ServerCallStreamObserver<T> caller,
        Attempt<T> attempt,
        List<String> route) {
      this.request = request;
      this.caller = new HandedOverCall<>(caller);
      this.attempt = attempt;
      this.route = route;
    }

    void next(int index) {
      if (index == route.size()) {
        fail(caller);
        return;
      }
      String node = route.get(index);
      if (node.equals(selfId)) {
        ExecuteRequest local;
        try {
          local = forThisNode(request);
        } catch (NodeException e) {
          caller.onError(StatusMapper.toStatus(e));
          return;
        }
        attempt.local(local, caller);
        return;
      }
      Optional<PeerAddress> peer = directory.address(node);
      if (peer.isEmpty()) {
        next(index + 1);
        return;
      }
      attempt.forward(peer.get(), request, caller, context.wrap(() -> next(index + 1)));
    }

    private void fail(StreamObserver<T> caller) {
      caller.onError(
          Status.UNAVAILABLE
              .withDescription("no node of " + route + " could be reached to run the call")
              .asRuntimeException());
    }
  }
}
