package io.snakepit.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/** What rendezvous hashing promises the cluster, for any members and any sessions. */
class RendezvousPropertiesTest {

  @Property
  void theOrderIsEveryMemberOnceWhateverOrderTheyAreGivenIn(
      @ForAll @UniqueElements @Size(min = 1, max = 12) List<@From("memberIds") String> members,
      @ForAll("sessionIds") String session) {
    List<String> shuffled = new ArrayList<>(members);
    Collections.reverse(shuffled);

    List<String> order = Rendezvous.order(session, members);

    assertThat(order).containsExactlyInAnyOrderElementsOf(members);
    assertThat(Rendezvous.order(session, shuffled)).isEqualTo(order);
  }

  @Property
  void aJoiningMemberTakesOnlySessionsItNowOwns(
      @ForAll @UniqueElements @Size(min = 1, max = 10) List<@From("memberIds") String> members,
      @ForAll("memberIds") String joining,
      @ForAll @Size(min = 1, max = 200) List<@From("sessionIds") String> sessions) {
    Assume.that(!members.contains(joining));
    List<String> grown = new ArrayList<>(members);
    grown.add(joining);

    for (String session : sessions) {
      String before = Rendezvous.order(session, members).get(0);
      String after = Rendezvous.order(session, grown).get(0);
      assertThat(after).isIn(before, joining);
    }
  }

  @Property
  void aLeavingMembersSessionsGoToTheirNextMemberAndNoOtherSessionMoves(
      @ForAll @UniqueElements @Size(min = 2, max = 10) List<@From("memberIds") String> members,
      @ForAll @Size(min = 1, max = 200) List<@From("sessionIds") String> sessions) {
    String leaving = members.get(0);
    List<String> shrunk = members.subList(1, members.size());

    for (String session : sessions) {
      List<String> before = Rendezvous.order(session, members);
      List<String> after = Rendezvous.order(session, shrunk);
      List<String> expected = new ArrayList<>(before);
      expected.remove(leaving);
      assertThat(after).isEqualTo(expected);
    }
  }

  @Property(tries = 20)
  void sessionsSpreadEvenlyOverMembers(
      @ForAll @UniqueElements @Size(min = 3, max = 8) List<@From("memberIds") String> members) {
    Map<String, Integer> owned = new HashMap<>();
    members.forEach(member -> owned.put(member, 0));
    for (int i = 0; i < 20_000; i++) {
      owned.merge(Rendezvous.order("session-" + i, members).get(0), 1, Integer::sum);
    }

    // The seed asks for a skew under 0.3; 20 000 sessions leave sampling noise well below it.
    assertThat(Skew.of(owned.values())).isLessThan(0.3);
  }

  @Property(tries = 50)
  void addingAFourthNodeMovesAboutAQuarterOfTheSessions(
      @ForAll @UniqueElements @Size(min = 4, max = 4) List<@From("memberIds") String> members) {
    Set<String> three = Set.copyOf(members.subList(0, 3));
    int sessions = 10_000;
    long moved =
        IntStream.range(0, sessions)
            .mapToObj(i -> "s" + i)
            .filter(
                s -> !Rendezvous.order(s, three).get(0).equals(Rendezvous.order(s, members).get(0)))
            .count();

    assertThat((double) moved / sessions).isBetween(0.2, 0.3);
  }

  @Provide
  Arbitrary<String> memberIds() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> sessionIds() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars("0123456789._:-")
        .ofMinLength(1)
        .ofMaxLength(40);
  }
}
