package io.snakepit.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AdvertisedAddressTest {

  @Test
  void aSpecificHostIsAdvertisedAsItListens() {
    assertThat(AdvertisedAddress.forListening("127.0.0.1", 50051)).isEqualTo("127.0.0.1:50051");
    assertThat(AdvertisedAddress.forListening("vm1.internal", 50051))
        .isEqualTo("vm1.internal:50051");
  }

  @Test
  void aWildcardHostIsAdvertisedAsTheAddressOfTheMachinesName() throws Exception {
    String machine = InetAddress.getLocalHost().getHostAddress();

    assertThat(AdvertisedAddress.forListening("0.0.0.0", 50051))
        .isEqualTo(machine + ":50051")
        .doesNotStartWith("0.0.0.0");
  }
}
