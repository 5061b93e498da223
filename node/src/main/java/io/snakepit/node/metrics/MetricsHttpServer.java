package io.snakepit.node.metrics;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} (Prometheus text), {@code GET /health}, {@code GET /ready} and {@code
 * GET /ready/full} (200 {@code ok} or 503) over HTTP, or HTTPS when the node serves TLS, for
 * scrapers, load balancers and orchestrators.
 */
public final class MetricsHttpServer implements AutoCloseable {

  /** Family names of the node's metrics start with this. */
  public static final String METRIC_PREFIX = "snakepit";

  private static final Logger log = LoggerFactory.getLogger(MetricsHttpServer.class);
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final int THREADS = 2;
  private static final int QUEUED_REQUESTS = 32;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;

  private MetricsHttpServer(HttpServer server, ThreadPoolExecutor executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * What the probes answer.
   *
   * @param healthy whether the process works at all; answers {@code /health}
   * @param ready whether the node takes calls now; answers {@code /ready}
   * @param fullyReady whether it runs at full strength; answers {@code /ready/full}
   * @param warnings what an operator should know while the node is healthy (it runs insecure, its
   *     certificate expires soon), one line each on {@code /health}
   */
  public record Probes(
      BooleanSupplier healthy,
      BooleanSupplier ready,
      BooleanSupplier fullyReady,
      Supplier<List<String>> warnings) {}

  /**
   * Binds and starts serving.
   *
   * @param address where to listen; port 0 for any free one (see {@link #port()})
   * @param tls serves HTTPS with this context when present
   * @throws IOException when the address cannot be bound
   */
  public static MetricsHttpServer start(
      InetSocketAddress address, Optional<SSLContext> tls, MetricRegistry registry, Probes probes)
      throws IOException {
    PrometheusTextFormat format = new PrometheusTextFormat(METRIC_PREFIX);
    Supplier<Response> metrics =
        () -> new Response(200, PrometheusTextFormat.CONTENT_TYPE, format.render(registry));
    Map<String, Supplier<Response>> routes =
        Map.of(
            "/metrics", metrics,
            "/health", () -> health(probes),
            "/ready", () -> probe(probes.ready(), "not ready"),
            "/ready/full", () -> probe(probes.fullyReady(), "not fully ready"));
    HttpServer server = tls.isPresent() ? https(address, tls.get()) : HttpServer.create(address, 0);
    ThreadPoolExecutor executor = boundedExecutor();
    server.setExecutor(executor);
    server.createContext("/", exchange -> respond(exchange, routes));
    server.start();
    return new MetricsHttpServer(server, executor);
  }

  private static HttpsServer https(InetSocketAddress address, SSLContext tls) throws IOException {
    HttpsServer server = HttpsServer.create(address, 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return server;
  }

  /** The bound port, which differs from the requested one when that was 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static ThreadPoolExecutor boundedExecutor() {
    AtomicInteger threadNumber = new AtomicInteger();
    return new ThreadPoolExecutor(
        THREADS,
        THREADS,
        0,
        TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(QUEUED_REQUESTS),
        task -> {
          Thread thread = new Thread(task, "metrics-http-" + threadNumber.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        },
        // When flooded, the accepting thread answers itself: it slows down accepting instead of
        // dropping a connection the JDK server would then leave open.
        new ThreadPoolExecutor.CallerRunsPolicy());
  }

  private static Response health(Probes probes) {
    Response health = probe(probes.healthy(), "unhealthy");
    StringBuilder body = new StringBuilder(health.body());
    probes.warnings().get().forEach(warning -> body.append("\nwarning: ").append(warning));
    return new Response(health.status(), health.contentType(), body.toString());
  }

  private static Response probe(BooleanSupplier check, String failure) {
    return check.getAsBoolean() ? new Response(200, TEXT, "ok") : new Response(503, TEXT, failure);
  }

  private static void respond(HttpExchange exchange, Map<String, Supplier<Response>> routes)
      throws IOException {
    try (exchange) {
      send(exchange, route(exchange, routes));
    }
  }

  private static Response route(HttpExchange exchange, Map<String, Supplier<Response>> routes) {
    Supplier<Response> route = routes.get(exchange.getRequestURI().getPath());
    if (route == null) {
      return new Response(404, TEXT, "not found");
    }
    if (!exchange.getRequestMethod().equals("GET")) {
      exchange.getResponseHeaders().set("Allow", "GET");
      return new Response(405, TEXT, "method not allowed");
    }
    try {
      return route.get();
    } catch (RuntimeException e) {
      log.warn("{} failed", exchange.getRequestURI().getPath(), e);
      return new Response(500, TEXT, "internal error");
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    // -1 tells the JDK server there is no body; 0 would mean "chunked".
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private record Response(int status, String contentType, String body) {}
}
