package io.snakepit.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsHttpServerTest {

  private final MetricRegistry registry = new MetricRegistry();
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final AtomicBoolean ready = new AtomicBoolean(false);
  private final AtomicBoolean fullyReady = new AtomicBoolean(false);
  private final HttpClient client = HttpClient.newHttpClient();
  private MetricsHttpServer server;

  @BeforeEach
  void start() throws IOException {
    server =
        MetricsHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            Optional.empty(),
            registry,
            new MetricsHttpServer.Probes(healthy::get, ready::get, fullyReady::get, List::of));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path);
  }

  @Test
  void boundToAFreePort() {
    assertThat(server.port()).isPositive();
  }

  @Test
  void metricsAreServedAsPrometheusText() throws Exception {
    registry.counter(MetricNames.tagged("snakepit.tool.calls", "tool", "ping")).inc(7);

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body()).contains("snakepit_tool_calls_total{tool=\"ping\"} 7\n");
  }

  @Test
  void healthFollowsItsCheck() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/health").body()).isEqualTo("ok");

    healthy.set(false);

    assertThat(get("/health").statusCode()).isEqualTo(503);
  }

  @Test
  void readinessFollowsItsCheck() throws Exception {
    assertThat(get("/ready").statusCode()).isEqualTo(503);

    ready.set(true);

    HttpResponse<String> response = get("/ready");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
  }

  @Test
  void fullReadinessHasItsOwnProbe() throws Exception {
    ready.set(true);
    assertThat(get("/ready/full").statusCode()).isEqualTo(503);
    assertThat(get("/ready/full").body()).isEqualTo("not fully ready");

    fullyReady.set(true);

    assertThat(get("/ready/full").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPathsAreNotFound() throws Exception {
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
  }

  @Test
  void onlyGetIsAllowed() throws Exception {
    HttpResponse<String> response = send("POST", "/metrics");

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void aFailingCheckIsAServerError() throws Exception {
    server.close();
    server =
        MetricsHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            Optional.empty(),
            registry,
            new MetricsHttpServer.Probes(
                () -> {
                  throw new IllegalStateException("check broke");
                },
                ready::get,
                fullyReady::get,
                List::of));

    assertThat(get("/health").statusCode()).isEqualTo(500);
  }

  @Test
  void closedServerRefusesConnections() {
    server.close();

    assertThatThrownBy(() -> get("/health")).isInstanceOf(IOException.class);
  }
}
