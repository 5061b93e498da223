package io.snakepit.node;

import static io.snakepit.node.Args.call;
import static io.snakepit.node.Args.integer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.snakepit.api.v1.CreateSessionRequest;
import io.snakepit.api.v1.DeleteVariableRequest;
import io.snakepit.api.v1.GetSessionRequest;
import io.snakepit.api.v1.GetVariableRequest;
import io.snakepit.api.v1.ListSessionsRequest;
import io.snakepit.api.v1.PutVariableRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests get a clear error with the status that says what to do, and change nothing. */
class BadInputTest {

  @TempDir static Path dir;
  static TestNode node;

  @BeforeAll
  static void startNode() {
    node = TestNode.start(dir, Map.of("pool.size", "1"));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void anExecuteWithoutAToolIsInvalid() {
    assertFails(
        () -> node.blocking().execute(call("")), Status.Code.INVALID_ARGUMENT, "tool is required");
  }

  @Test
  void anUnknownPoolIsNotFound() {
    assertFails(
        () -> node.blocking().execute(call("ping").toBuilder().setPool("gpu").build()),
        Status.Code.NOT_FOUND,
        "no pool named 'gpu'");
  }

  @Test
  void aSessionIdWithForbiddenCharactersIsInvalidAndNothingIsCreated() {
    assertFails(
        () ->
            node.blocking()
                .createSession(CreateSessionRequest.newBuilder().setSessionId("a/b").build()),
        Status.Code.INVALID_ARGUMENT,
        "session id");
    assertFails(
        () ->
            node.blocking().getSession(GetSessionRequest.newBuilder().setSessionId("a_b").build()),
        Status.Code.NOT_FOUND,
        "a_b");
  }

  @Test
  void aBadRequestIdOrOneReusedForAnotherRequestIsInvalidAndNothingIsWritten() {
    node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("ids").build());
    PutVariableRequest put =
        PutVariableRequest.newBuilder()
            .setSessionId("ids")
            .setName("x")
            .setValue(integer(1))
            .setRequestId("r-1")
            .build();
    node.blocking().putVariable(put);

    assertFails(
        () -> node.blocking().putVariable(put.toBuilder().setRequestId("r 1").build()),
        Status.Code.INVALID_ARGUMENT,
        "request id");
    assertFails(
        () -> node.blocking().putVariable(put.toBuilder().setValue(integer(2)).build()),
        Status.Code.INVALID_ARGUMENT,
        "request id 'r-1' was used for another request");
    assertThat(
            node.blocking()
                .getVariable(
                    GetVariableRequest.newBuilder().setSessionId("ids").setName("x").build())
                .getVersion())
        .isEqualTo(1);
  }

  @Test
  void aNegativePageSizeIsInvalid() {
    assertFails(
        () -> node.blocking().listSessions(ListSessionsRequest.newBuilder().setLimit(-1).build()),
        Status.Code.INVALID_ARGUMENT,
        "limit");
  }

  @Test
  void aVariableWithoutValueOrWithANegativeVersionIsInvalidAndNotWritten() {
    node.blocking().createSession(CreateSessionRequest.newBuilder().setSessionId("vars").build());

    assertFails(
        () ->
            node.blocking()
                .putVariable(
                    PutVariableRequest.newBuilder().setSessionId("vars").setName("x").build()),
        Status.Code.INVALID_ARGUMENT,
        "value is required");
    assertFails(
        () ->
            node.blocking()
                .putVariable(
                    PutVariableRequest.newBuilder()
                        .setSessionId("vars")
                        .setName("x")
                        .setValue(integer(1))
                        .setExpectedVersion(-1)
                        .build()),
        Status.Code.INVALID_ARGUMENT,
        "expected_version");
    assertFails(
        () ->
            node.blocking()
                .deleteVariable(
                    DeleteVariableRequest.newBuilder()
                        .setSessionId("vars")
                        .setName("x")
                        .setExpectedVersion(0)
                        .build()),
        Status.Code.INVALID_ARGUMENT,
        "positive");
    assertFails(
        () ->
            node.blocking()
                .getVariable(
                    GetVariableRequest.newBuilder().setSessionId("vars").setName("x").build()),
        Status.Code.NOT_FOUND,
        "x");
  }

  @Test
  void aVariableOfAMissingSessionIsNotFound() {
    assertFails(
        () ->
            node.blocking()
                .putVariable(
                    PutVariableRequest.newBuilder()
                        .setSessionId("nobody")
                        .setName("x")
                        .setValue(integer(1))
                        .build()),
        Status.Code.NOT_FOUND,
        "nobody");
  }

  private static void assertFails(Executable call, Status.Code code, String messagePart) {
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).contains(messagePart);
            });
  }
}
