package io.snakepit.bench.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Ports that are free on loopback now, for servers that must be told their ports in advance. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * {@code count} distinct ports. All sockets stay open until every port is picked, so that the
   * system cannot hand out one port twice; another process may still take one before its server
   * binds it, which a start then reports.
   */
  public static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().map(ServerSocket::getLocalPort).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on loopback", e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          socket.close();
        } catch (IOException e) {
          // the port is still ours to hand out; a server binding it will say if not
        }
      }
    }
  }
}
