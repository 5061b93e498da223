package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.snakepit.client.NotFoundException;
import io.snakepit.client.StatusTranslator;
import io.snakepit.client.ToolException;
import io.snakepit.client.UnavailableException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ErrorReporterTest {

  private static final String NL = System.lineSeparator();

  @Test
  void aStatusErrorIsOneLine() {
    assertThat(ErrorReporter.describe(new NotFoundException("session 's1' not found", null)))
        .isEqualTo("error: NOT_FOUND: session 's1' not found" + NL);
  }

  @Test
  void aToolErrorIsFollowedByItsTraceback() {
    ToolException failure =
        new ToolException(
            Status.Code.UNKNOWN,
            "builtins.ValueError",
            "boom",
            "Traceback (most recent call last):\n  File \"t.py\", line 1\nValueError: boom\n",
            null);

    assertThat(ErrorReporter.describe(failure))
        .isEqualTo(
            "error: UNKNOWN: builtins.ValueError: boom"
                + NL
                + "Traceback (most recent call last):\n  File \"t.py\", line 1\nValueError: boom"
                + NL);
  }

  @Test
  void unavailableNamesTheLeader() {
    UnavailableException failure = new UnavailableException("not the leader", "node-2", null, null);

    assertThat(ErrorReporter.describe(failure))
        .isEqualTo("error: UNAVAILABLE: not the leader (leader: node-2)" + NL);
  }

  @Test
  void aLocalCauseBelowTheStatusIsShown() {
    ConnectException refused = new ConnectException("Connection refused: /127.0.0.1:1");
    Throwable status =
        Status.UNAVAILABLE.withDescription("io exception").withCause(refused).asRuntimeException();

    assertThat(ErrorReporter.describe(StatusTranslator.translate(status)))
        .isEqualTo("error: UNAVAILABLE: io exception (Connection refused: /127.0.0.1:1)" + NL);
  }
}
