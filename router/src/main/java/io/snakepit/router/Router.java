package io.snakepit.router;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides which nodes a call may go to, in order of preference. A call for a session goes to the
 * session's owner among the members whose pools can run it, then to the next ones by rendezvous
 * order; a call without a session goes to the least busy such member, this node winning ties so
 * that an idle cluster adds no hop.
 */
public final class Router {

  private final String self;

  /**
   * @param self this node's member id
   */
  public Router(String self) {
    this.self = self;
  }

  /**
   * The live members able to run the call, best first; empty when none is.
   *
   * @param sessionId the call's session, or empty
   */
  public List<String> route(
      Optional<String> sessionId, Requirement requirement, Collection<Member> members) {
    Map<String, Member> able =
        members.stream()
            .filter(Member::live)
            .filter(member -> member.offers(requirement))
            .collect(Collectors.toMap(Member::id, Function.identity(), (a, b) -> a));
    if (sessionId.isPresent()) {
      return Rendezvous.order(sessionId.get(), able.keySet());
    }
    return able.values().stream()
        .sorted(
            Comparator.comparingDouble((Member member) -> member.load(requirement))
                .thenComparing(member -> !member.id().equals(self))
                .thenComparing(Member::id))
        .map(Member::id)
        .toList();
  }

  /**
   * The owner of a session among every member, live or not, that can run calls like it: where its
   * warm Python state lives while that member is up.
   */
  public static Optional<String> owner(String sessionId, Collection<String> members) {
    List<String> order = Rendezvous.order(sessionId, members);
    return order.isEmpty() ? Optional.empty() : Optional.of(order.get(0));
  }
}
