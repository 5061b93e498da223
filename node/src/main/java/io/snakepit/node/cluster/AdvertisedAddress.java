package io.snakepit.node.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the other nodes reach this node's API when {@code cluster.advertise-address} is not set:
 * the address the API listens on, unless that is a wildcard (0.0.0.0 or ::), which names every
 * node's own machine. Then the address this machine's name resolves to, as a container's or a pod's
 * name resolves to its own address.
 */
public final class AdvertisedAddress {

  private AdvertisedAddress() {}

  public static String forListening(String host, int port) {
    String advertised = host;
    try {
      if (InetAddress.getByName(host).isAnyLocalAddress()) {
        advertised = InetAddress.getLocalHost().getHostAddress();
      }
    } catch (UnknownHostException e) {
      // A host name the machine cannot resolve is advertised as given; peers may still know it.
    }
    return (advertised.contains(":") ? "[" + advertised + "]" : advertised) + ":" + port;
  }
}
