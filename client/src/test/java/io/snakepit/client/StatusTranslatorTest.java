package io.snakepit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.Message;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.snakepit.api.v1.RetryInfo;
import io.snakepit.api.v1.ToolError;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusTranslatorTest {

  private static StatusRuntimeException status(
      Status.Code code, String message, Message... details) {
    com.google.rpc.Status.Builder status =
        com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
    for (Message detail : details) {
      status.addDetails(Any.pack(detail));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }

  @ParameterizedTest
  @CsvSource({
    "NOT_FOUND, NotFoundException",
    "ABORTED, ConflictException",
    "INVALID_ARGUMENT, InvalidArgumentException",
    "RESOURCE_EXHAUSTED, ResourceExhaustedException",
    "UNAVAILABLE, UnavailableException",
    "DEADLINE_EXCEEDED, DeadlineExceededException",
    "INTERNAL, InternalException",
    "UNAUTHENTICATED, UnauthenticatedException",
    "PERMISSION_DENIED, PermissionDeniedException",
    "UNKNOWN, UnexpectedStatusException",
    "FAILED_PRECONDITION, UnexpectedStatusException",
    "CANCELLED, UnexpectedStatusException",
    "UNIMPLEMENTED, UnexpectedStatusException"
  })
  void eachStatusHasItsType(Status.Code code, String type) {
    StatusRuntimeException failure = status(code, "why");

    SnakepitException translated = StatusTranslator.translate(failure);

    assertThat(translated.getClass().getSimpleName()).isEqualTo(type);
    assertThat(translated.code()).isEqualTo(code);
    assertThat(translated).hasMessage("why").hasCause(failure);
  }

  @Test
  void aToolErrorBecomesAToolException() {
    ToolError error =
        ToolError.newBuilder()
            .setType("builtins.KeyError")
            .setMessage("'x'")
            .setTraceback("Traceback ...")
            .build();

    SnakepitException translated =
        StatusTranslator.translate(status(Status.Code.UNKNOWN, "ignored", error));

    assertThat(translated)
        .isInstanceOfSatisfying(
            ToolException.class,
            e -> {
              assertThat(e.pythonType()).isEqualTo("builtins.KeyError");
              assertThat(e.pythonMessage()).isEqualTo("'x'");
              assertThat(e.pythonTraceback()).isEqualTo("Traceback ...");
              assertThat(e.isPrecondition()).isFalse();
            })
        .hasMessage("builtins.KeyError: 'x'");
  }

  @Test
  void aPreconditionToolErrorSaysSo() {
    ToolError error =
        ToolError.newBuilder()
            .setType("snakepit.PreconditionError")
            .setKind(ToolError.Kind.PRECONDITION)
            .build();

    SnakepitException translated =
        StatusTranslator.translate(status(Status.Code.FAILED_PRECONDITION, "", error));

    assertThat(((ToolException) translated).isPrecondition()).isTrue();
  }

  @Test
  void unavailableCarriesLeaderHintAndRetryAfter() {
    RetryInfo retry =
        RetryInfo.newBuilder().setLeaderHint("node-2").setRetryAfterMillis(250).build();

    SnakepitException translated =
        StatusTranslator.translate(status(Status.Code.UNAVAILABLE, "no leader", retry));

    UnavailableException unavailable = (UnavailableException) translated;
    assertThat(unavailable.leaderHint()).contains("node-2");
    assertThat(unavailable.retryAfter()).contains(Duration.ofMillis(250));
  }

  @Test
  void unavailableWithoutDetailsHasNoHints() {
    UnavailableException unavailable =
        (UnavailableException) StatusTranslator.translate(Status.UNAVAILABLE.asRuntimeException());

    assertThat(unavailable.leaderHint()).isEmpty();
    assertThat(unavailable.retryAfter()).isEmpty();
    assertThat(unavailable).hasMessage("no description");
  }

  @Test
  void resourceExhaustedCarriesRetryAfter() {
    RetryInfo retry = RetryInfo.newBuilder().setRetryAfterMillis(1000).build();

    ResourceExhaustedException translated =
        (ResourceExhaustedException)
            StatusTranslator.translate(status(Status.Code.RESOURCE_EXHAUSTED, "queue full", retry));

    assertThat(translated.retryAfter()).contains(Duration.ofSeconds(1));
  }

  @Test
  void anyOtherThrowableIsUnknown() {
    IllegalStateException bug = new IllegalStateException("oops");

    SnakepitException translated = StatusTranslator.translate(bug);

    assertThat(translated.code()).isEqualTo(Status.Code.UNKNOWN);
    assertThat(translated).hasCause(bug);
  }

  @Test
  void translatedExceptionsPassThrough() {
    NotFoundException notFound = new NotFoundException("gone", null);

    assertThat(StatusTranslator.translate(notFound)).isSameAs(notFound);
  }
}
