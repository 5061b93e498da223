package io.snakepit.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SRV records of a headless service become Raft peers named after their pods. */
class DnsPeersTest {

  private static final String SERVICE = ".snakepit.default.svc.cluster.local.";

  @Test
  void eachTargetIsAPeerNamedByItsFirstLabelAndReachedByNameAtItsPort() {
    List<SrvRecord> records =
        List.of(
            SrvRecord.parse("0 33 7000 snakepit-2" + SERVICE),
            SrvRecord.parse("0 33 7000 Snakepit-0" + SERVICE),
            SrvRecord.parse("0 33 7001 snakepit-1" + SERVICE));

    assertThat(DnsPeers.of(records, DnsPeers.byName()))
        .containsExactly(
            Map.entry("snakepit-0", "snakepit-0.snakepit.default.svc.cluster.local:7000"),
            Map.entry("snakepit-1", "snakepit-1.snakepit.default.svc.cluster.local:7001"),
            Map.entry("snakepit-2", "snakepit-2.snakepit.default.svc.cluster.local:7000"));
  }

  @Test
  void aTargetIsReachedAtTheAddressLookedUpForItAndLeftOutWhileItHasNone() {
    List<SrvRecord> records =
        List.of(new SrvRecord(0, 0, 7000, "a.zone"), new SrvRecord(0, 0, 7000, "b.zone"));

    assertThat(
            DnsPeers.of(
                records,
                target -> target.equals("a.zone") ? Optional.of("10.1.0.7") : Optional.empty()))
        .containsExactly(Map.entry("a", "10.1.0.7:7000"));
  }

  @Test
  void twoTargetsWithTheSameFirstLabelAreRefused() {
    List<SrvRecord> records =
        List.of(new SrvRecord(0, 0, 7000, "a.one.zone"), new SrvRecord(0, 0, 7000, "a.two.zone"));

    assertThatThrownBy(() -> DnsPeers.of(records, DnsPeers.byName()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the SRV targets a.one.zone:7000 and a.two.zone:7000 both give the peer id a; each"
                + " peer needs a target of its own");
  }

  @Test
  void recordsAreReadFromTheirTextForm() {
    assertThat(SrvRecord.parse("10 60 5060 Sip.Example.COM."))
        .isEqualTo(new SrvRecord(10, 60, 5060, "sip.example.com"));
    assertThat(new SrvRecord(0, 0, 1, "host").firstLabel()).isEqualTo("host");
    for (String bad : new String[] {"0 0 7000", "0 0 x host", "0 0 0 host", "0 0 70000 host"}) {
      assertThatThrownBy(() -> SrvRecord.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
