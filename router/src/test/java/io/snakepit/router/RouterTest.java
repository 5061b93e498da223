package io.snakepit.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final Requirement GPU = new Requirement(Optional.empty(), Map.of("gpu", "true"));

  private final Router router = new Router("a");

  @Test
  void aSessionGoesToItsOwnerThenToTheNextMembersInRendezvousOrder() {
    List<Member> members = List.of(idle("a"), idle("b"), idle("c"));

    List<String> route = router.route(Optional.of("s1"), Requirement.ANY, members);

    assertThat(route).isEqualTo(Rendezvous.order("s1", List.of("a", "b", "c")));
  }

  @Test
  void aDeadOwnerIsSkippedAndItsSessionsGoToTheirNextMember() {
    List<String> all = Rendezvous.order("s1", List.of("a", "b", "c"));
    String owner = all.get(0);
    List<Member> members =
        List.of("a", "b", "c").stream().map(id -> id.equals(owner) ? dead(id) : idle(id)).toList();

    assertThat(router.route(Optional.of("s1"), Requirement.ANY, members))
        .isEqualTo(all.subList(1, 3));
  }

  @Test
  void onlyMembersWithAMatchingPoolAreChosen() {
    Member gpuNode = member("b", true, pool("ml", Map.of("gpu", "true"), 0, 2));
    List<Member> members = List.of(idle("a"), gpuNode, idle("c"));

    assertThat(router.route(Optional.of("s1"), GPU, members)).containsExactly("b");
    assertThat(router.route(Optional.empty(), GPU, members)).containsExactly("b");
    assertThat(
            router.route(Optional.empty(), new Requirement(Optional.of("ml"), Map.of()), members))
        .containsExactly("b");
  }

  @Test
  void nobodyAbleIsAnEmptyRoute() {
    assertThat(router.route(Optional.of("s1"), GPU, List.of(idle("a"), dead("b")))).isEmpty();
    assertThat(router.route(Optional.empty(), Requirement.ANY, List.of(dead("a")))).isEmpty();
  }

  @Test
  void aCallWithoutASessionGoesToTheLeastBusyMember() {
    List<Member> members =
        List.of(
            member("a", true, pool("default", Map.of(), 3, 4)),
            member("b", true, pool("default", Map.of(), 1, 4)),
            member("c", true, pool("default", Map.of(), 2, 2)));

    assertThat(router.route(Optional.empty(), Requirement.ANY, members))
        .containsExactly("b", "a", "c");
  }

  @Test
  void thisNodeWinsATieSoThatAnIdleClusterAddsNoHop() {
    List<Member> members = List.of(idle("c"), idle("b"), idle("a"));

    assertThat(router.route(Optional.empty(), Requirement.ANY, members).get(0)).isEqualTo("a");
  }

  @Test
  void theOwnerOfASessionIsTheFirstInRendezvousOrder() {
    assertThat(Router.owner("s1", List.of("a", "b", "c")))
        .contains(Rendezvous.order("s1", List.of("c", "b", "a")).get(0));
    assertThat(Router.owner("s1", List.of())).isEmpty();
  }

  private static Member idle(String id) {
    return member(id, true, pool("default", Map.of(), 0, 4));
  }

  private static Member dead(String id) {
    return member(id, false, pool("default", Map.of(), 0, 4));
  }

  private static Member member(String id, boolean live, PoolOffer pool) {
    return new Member(id, live, List.of(pool));
  }

  private static PoolOffer pool(String name, Map<String, String> labels, int busy, int capacity) {
    return new PoolOffer(name, labels, busy, capacity);
  }
}
