package io.snakepit.node.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The JDK's DNS client asks a real DNS server, over UDP, for SRV and A records. */
class JndiDnsLookupTest {

  private final TestDnsServer server = TestDnsServer.start();
  private final JndiDnsLookup lookup = new JndiDnsLookup(Optional.of(server.address()));

  @AfterEach
  void stopServer() throws InterruptedException {
    server.close();
  }

  @Test
  void readsSrvRecordsAndTheAddressesOfTheirTargets() {
    server.addSrv("_raft._tcp.snakepit.test", "a.snakepit.test", 7001, "127.0.0.1");
    server.addSrv("_raft._tcp.snakepit.test", "b.snakepit.test", 7002, "10.0.0.2");

    assertThat(lookup.srv("_raft._tcp.snakepit.test"))
        .containsExactlyInAnyOrder(
            new SrvRecord(0, 10, 7001, "a.snakepit.test"),
            new SrvRecord(0, 10, 7002, "b.snakepit.test"));
    assertThat(lookup.address("b.snakepit.test")).contains("10.0.0.2");
    assertThat(server.questionsAbout("_raft._tcp.snakepit.test")).isEqualTo(1);
  }

  @Test
  void aNameThatDoesNotExistYetHasNoRecords() {
    server.addSrv("_raft._tcp.snakepit.test", "a.snakepit.test", 7001, "127.0.0.1");

    assertThat(lookup.srv("_raft._tcp.other.test")).isEqualTo(List.of());
    assertThat(lookup.address("c.snakepit.test")).isEmpty();
    // A name that exists but has no record of the type asked.
    assertThat(lookup.srv("a.snakepit.test")).isEmpty();
  }
}
