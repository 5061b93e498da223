package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static io.snakepit.node.Unavailable.assertFailsUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import io.snakepit.api.v1.ExecuteResponse;
import io.snakepit.api.v1.SnakepitGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool whose fork server dies: its workers go down with it, their calls fail UNAVAILABLE, and the
 * pool starts a new fork server and new workers with its restart backoff; if the new fork server
 * cannot start, the pool is marked failed with its error.
 */
class ForkServerFailureTest {

  @TempDir Path dir;

  @Test
  void aPoolWhoseForkServerDiesStartsANewOneAndNewWorkers() {
    try (TestNode node = TestNode.start(dir, Map.of("pool.size", "2"))) {
      ProcessHandle forkServer = parentOf(workerPid(node));
      ListenableFuture<ExecuteResponse> inFlight =
          SnakepitGrpc.newFutureStub(node.channel())
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .execute(call("sleep", "ms", integer(60_000)));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> node.poolGauge("snakepit.pool.workers.busy") == 1);

      forkServer.destroyForcibly();

      assertFailsUnavailable(
          () -> inFlight.get(30, TimeUnit.SECONDS),
          "went down with its fork server, which was killed with SIGKILL");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  node.poolCounter("snakepit.pool.worker.exits", "cause", "fork_server") == 2
                      && node.poolGauge("snakepit.pool.workers.alive") == 2);
      ProcessHandle newForkServer = parentOf(workerPid(node));
      assertThat(newForkServer.pid()).isNotEqualTo(forkServer.pid());
      assertThat(newForkServer.parent().map(ProcessHandle::pid))
          .hasValue(ProcessHandle.current().pid());
    }
  }

  @Test
  void aForkServerThatCannotImportTheAdapterAnyMoreMarksThePoolFailedWithThePythonError()
      throws Exception {
    Path adapters = TestNode.adapters(dir, "flaky_import_adapter.py");
    try (TestNode node =
        TestNode.start(
            dir,
            Map.of(
                "pool.adapter", "flaky_import_adapter:FlakyImportAdapter",
                "pool.python-path", adapters.toString(),
                "pool.size", "1",
                "pool.max-failed-starts", "3"))) {
      ProcessHandle forkServer = parentOf(workerPid(node));
      Files.createFile(adapters.resolve("refuse-to-import"));

      forkServer.destroyForcibly();

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertFailsUnavailable(
                      () -> node.blocking().execute(call("ping")),
                      "pool default failed",
                      "the fork server of pool default exited with code 3",
                      "RuntimeError: refusing to import"));
      assertThat(node.poolCounter("snakepit.pool.worker.start.failures")).isEqualTo(3);
      assertThat(readiness(node)).isEqualTo(503);
    }
  }

  private static long workerPid(TestNode node) {
    return node.blocking().execute(call("pid")).getResult().getIntValue();
  }

  private static ProcessHandle parentOf(long pid) {
    return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).orElseThrow();
  }

  private static int readiness(TestNode node) throws Exception {
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.node().httpPort() + "/ready"))
            .build();
    return HttpClient.newHttpClient()
        .send(ready, HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
