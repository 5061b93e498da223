package io.snakepit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.snakepit.api.v1.BatchVariablesRequest;
import io.snakepit.api.v1.BatchVariablesResponse;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.ExecuteRequest;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.GetSessionRequest;
import io.snakepit.api.v1.PutVariableRequest;
import io.snakepit.api.v1.Session;
import io.snakepit.api.v1.SnakepitGrpc;
import io.snakepit.api.v1.Variable;
import io.snakepit.api.v1.VariableOperation;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A client of several nodes moves on from one that is down, and retries only what is safe. */
class FailoverTest {

  private final ScriptedServer healthy;
  private final Server unavailable;
  private final ManagedChannel unavailableChannel;
  private final UnavailableNode unavailableNode = new UnavailableNode();

  FailoverTest() throws IOException {
    healthy = new ScriptedServer();
    String name = InProcessServerBuilder.generateName();
    unavailable = InProcessServerBuilder.forName(name).addService(unavailableNode).build().start();
    unavailableChannel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void close() {
    unavailableChannel.shutdownNow();
    unavailable.shutdownNow();
    healthy.close();
  }

  @Test
  void aReadMovesOnToTheNextNodeAndLaterCallsStayThere() {
    try (SnakepitClient client = client(unavailableChannel, healthy.channel())) {
      client.createSession("s1");

      assertThat(client.getSession("s1").id()).isEqualTo("s1");
      assertThat(client.getSession("s1").id()).isEqualTo("s1");
    }
    assertThat(unavailableNode.calls.get()).isEqualTo(1);
  }

  @Test
  void aWriteTheNodeMayHaveAppliedIsRetriedOnTheNextNodeWithTheSameRequestId() {
    AtomicInteger made = new AtomicInteger();
    try (SnakepitClient client =
        new SnakepitClient(
            List.of(unavailableChannel, healthy.channel()),
            Duration.ofSeconds(10),
            true,
            () -> "id-" + made.incrementAndGet(),
            List.of())) {
      assertThat(client.putVariable("s1", "x", 1L, 0)).isEqualTo(1);
    }
    assertThat(unavailableNode.requestIds).containsExactly("id-1");
    assertThat(made.get()).isEqualTo(1);
  }

  @Test
  void anExecuteIsRetriedElsewhereWhenTheFirstNodeNeverReceivedIt() throws IOException {
    ManagedChannel refused = channelToAClosedPort();
    try (SnakepitClient client = client(refused, healthy.channel())) {
      assertThat(client.call("echo").arg("value", 7L).execute())
          .asInstanceOf(InstanceOfAssertFactories.MAP)
          .containsEntry("args", Map.of("value", 7L));
    } finally {
      refused.shutdownNow();
    }
  }

  @Test
  void anExecuteAnUnavailableNodeReceivedIsNotRunTwice() {
    try (SnakepitClient client = client(unavailableChannel, healthy.channel())) {
      assertThatThrownBy(() -> client.call("echo").arg("value", 7L).execute())
          .isInstanceOf(UnavailableException.class);
    }
    assertThat(unavailableNode.calls.get()).isEqualTo(1);
  }

  @Test
  void whenEveryNodeIsDownTheCallerSeesUnavailable() {
    try (SnakepitClient client = client(unavailableChannel, unavailableChannel)) {
      assertThatThrownBy(() -> client.getSession("s1")).isInstanceOf(UnavailableException.class);
    }
    assertThat(unavailableNode.calls.get()).isEqualTo(2);
  }

  private static SnakepitClient client(ManagedChannel... channels) {
    return new SnakepitClient(
        List.of(channels),
        Duration.ofSeconds(10),
        true,
        SnakepitClientBuilder.RANDOM_REQUEST_IDS,
        List.of());
  }

  private static ManagedChannel channelToAClosedPort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** A node that answers every call with UNAVAILABLE, as one with no store leader would. */
  private static final class UnavailableNode extends SnakepitGrpc.SnakepitImplBase {
    final AtomicInteger calls = new AtomicInteger();
    final List<String> requestIds = new CopyOnWriteArrayList<>();

    @Override
    public void getSession(GetSessionRequest request, StreamObserver<Session> response) {
      refuse(response);
    }

    @Override
    public void createSession(CreateSessionRequest request, StreamObserver<Session> response) {
      refuse(response);
    }

    @Override
    public void putVariable(PutVariableRequest request, StreamObserver<Variable> response) {
      requestIds.add(request.getRequestId());
      refuse(response);
    }

    @Override
    public void batchVariables(
        BatchVariablesRequest request, StreamObserver<BatchVariablesResponse> response) {
      request.getOperationsList().stream()
          .filter(VariableOperation::hasPut)
          .forEach(operation -> requestIds.add(operation.getPut().getRequestId()));
      refuse(response);
    }

    @Override
    public void execute(ExecuteRequest request, StreamObserver<ExecuteResponse> response) {
      refuse(response);
    }

    private void refuse(StreamObserver<?> response) {
      calls.incrementAndGet();
      response.onError(Status.UNAVAILABLE.withDescription("no leader yet").asException());
    }
  }
}
