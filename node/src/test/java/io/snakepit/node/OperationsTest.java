package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What operators and tools see of a running node: metrics, probes, health, reflection. */
class OperationsTest {

  @TempDir static Path dir;
  static TestNode node;
  static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startNode() {
    node = TestNode.start(dir, Map.of());
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void metricsShowPoolQueueRestartsAndPerToolLatency() throws Exception {
    node.blocking().execute(call("ping"));

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type")).get().asString().contains("0.0.4");
    assertThat(metrics.body())
        .contains("snakepit_pool_size{pool=\"default\"} 2")
        .contains("snakepit_pool_queue_depth{pool=\"default\"}")
        .contains("snakepit_pool_worker_restarts_total{pool=\"default\"}")
        .containsPattern(
            "snakepit_tool_duration_seconds_count\\{pool=\"default\",tool=\"ping\"} [1-9]");
  }

  @Test
  void probesSayHealthyAndReady() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/ready").statusCode()).isEqualTo(200);
    // The node starts serving with its first worker; the second follows.
    await().atMost(Duration.ofSeconds(30)).until(() -> get("/ready/full").statusCode() == 200);
  }

  @Test
  void standardGrpcHealthServiceReportsServing() {
    HealthCheckResponse response =
        HealthGrpc.newBlockingStub(node.channel())
            .check(HealthCheckRequest.newBuilder().setService("snakepit.v1.Snakepit").build());

    assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void reflectionListsTheApiSoGrpcurlWorks() throws Exception {
    CompletableFuture<List<String>> services = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(node.channel())
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    services.complete(
                        response.getListServicesResponse().getServiceList().stream()
                            .map(ServiceResponse::getName)
                            .toList());
                  }

                  @Override
                  public void onError(Throwable t) {
                    services.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {}
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());

    assertThat(services.get(10, TimeUnit.SECONDS)).contains("snakepit.v1.Snakepit");
    requests.onCompleted();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.node().httpPort() + path))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
