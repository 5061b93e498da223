package io.snakepit.client;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.time.Duration;

/** An in-process server running a {@link ScriptedSnakepitService}, and a client of it. */
final class ScriptedServer implements AutoCloseable {

  final ScriptedSnakepitService service = new ScriptedSnakepitService();
  private final Server server;
  private final ManagedChannel channel;

  ScriptedServer() throws IOException {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  ManagedChannel channel() {
    return channel;
  }

  SnakepitClient client(Duration defaultTimeout) {
    return SnakepitClient.forChannel(channel, defaultTimeout);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.shutdownNow();
  }
}
