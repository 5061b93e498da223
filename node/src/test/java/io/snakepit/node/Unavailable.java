package io.snakepit.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** What tests expect of a call that fails UNAVAILABLE. */
final class Unavailable {

  private Unavailable() {}

  /**
   * Asserts that {@code call} fails UNAVAILABLE (its exception, or one it wraps) with a description
   * that holds every one of {@code fragments}.
   */
  static void assertFailsUnavailable(ThrowingCallable call, String... fragments) {
    assertThatThrownBy(call)
        .satisfies(
            failure -> {
              Status status = Status.fromThrowable(failure);
              assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(status.getDescription()).contains(fragments);
            });
  }
}
