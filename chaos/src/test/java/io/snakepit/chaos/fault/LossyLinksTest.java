package io.snakepit.chaos.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LossyLinksTest {

  private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

  @Test
  void aroundOneNodeEveryLinkOfItLosesBothWaysAndNoOther() {
    LossyLinks links = LossyLinks.around(new Targets.Target("n2", "n2 (the leader)"), NODES);

    assertThat(links.from())
        .isEqualTo(
            Map.of(
                "n2", Set.of("n1", "n3", "n4", "n5"),
                "n1", Set.of("n2"),
                "n3", Set.of("n2"),
                "n4", Set.of("n2"),
                "n5", Set.of("n2")));
    assertThat(links.description()).isEqualTo("between n2 (the leader) and [n1, n3, n4, n5]");
  }

  @Test
  void drawnLinksAreSymmetricNeverNoneAndSometimesFew() {
    Random random = new Random(7);
    int fewest = Integer.MAX_VALUE;
    for (int i = 0; i < 500; i++) {
      LossyLinks links = LossyLinks.drawn(List.of("n1", "n2", "n3"), random);
      links
          .from()
          .forEach(
              (node, peers) -> {
                assertThat(peers).doesNotContain(node);
                peers.forEach(peer -> assertThat(links.from().get(peer)).contains(node));
              });
      int count = links.from().values().stream().mapToInt(Set::size).sum() / 2;
      assertThat(count).isBetween(1, 3);
      fewest = Math.min(fewest, count);
    }
    assertThat(fewest).isEqualTo(1);
  }

  @Test
  void drawnLinksAreNamedInTheReport() {
    LossyLinks links = LossyLinks.drawn(NODES, new Random(3));

    String named = links.description();
    assertThat(named).startsWith("on links ");
    links
        .from()
        .forEach(
            (node, peers) ->
                peers.forEach(
                    peer -> assertThat(named).containsAnyOf(node + "-" + peer, peer + "-" + node)));
  }
}
