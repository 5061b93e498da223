package io.snakepit.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SnakepitCliTest {

  @Test
  void callOptionsAreParsed() {
    CallCommand call =
        CliRun.parse(
            CallCommand.class,
            "call",
            "add",
            "--args",
            "{\"a\":1}",
            "--session",
            "s1",
            "--pool",
            "gpu",
            "--timeout",
            "2s",
            "--stream",
            "--target",
            "node-2:7000");

    assertThat(call.tool).isEqualTo("add");
    assertThat(call.parsedArgs()).containsEntry("a", 1L);
    assertThat(call.session).isEqualTo("s1");
    assertThat(call.pool).isEqualTo("gpu");
    assertThat(call.timeout).isEqualTo(Duration.ofSeconds(2));
    assertThat(call.stream).isTrue();
    assertThat(call.target.target).isEqualTo("node-2:7000");
  }

  @Test
  void callDefaultsToNoArgumentsThirtySecondsAndTheLocalNode() {
    assumeTrue(System.getenv("SNAKEPIT_TARGET") == null, "SNAKEPIT_TARGET overrides the default");

    CallCommand call = CliRun.parse(CallCommand.class, "call", "ping");

    assertThat(call.parsedArgs()).isEmpty();
    assertThat(call.timeout).isEqualTo(Duration.ofSeconds(30));
    assertThat(call.target.target).isEqualTo("127.0.0.1:50051");
  }

  @Test
  void argsThatAreNotAJsonObjectAreAUsageError() {
    CliRun run = CliRun.of("call", "add", "--args", "[1]", "--target", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option '--args': expected a JSON object");
  }

  @Test
  void malformedJsonArgsAreAUsageError() {
    CliRun run = CliRun.of("call", "add", "--args", "{\"a\":", "--target", "127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid value for option '--args': invalid JSON");
  }

  @Test
  void aBadTimeoutIsAUsageError() {
    CliRun run = CliRun.of("call", "add", "--timeout", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a positive duration");
  }

  @Test
  void anUnreachableNodeIsReportedAsUnavailable() {
    CliRun run = CliRun.of("call", "add", "--target", "127.0.0.1:1", "--timeout", "10s");

    assertThat(run.exitCode()).isEqualTo(ErrorReporter.EXIT_CALL_FAILED);
    assertThat(run.err()).startsWith("error: UNAVAILABLE: ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void sessionsTakeTheTargetBeforeOrAfterTheSubcommand() {
    SessionsCommand before =
        CliRun.parse(SessionsCommand.class, "sessions", "--target", "a:1", "list");
    SessionsCommand after =
        CliRun.parse(SessionsCommand.class, "sessions", "list", "--target", "b:2");

    assertThat(before.target.target).isEqualTo("a:1");
    assertThat(after.target.target).isEqualTo("b:2");
  }

  @Test
  void aSubcommandIsRequired() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required subcommand");
  }

  @Test
  void helpListsEveryCommand() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("start", "call", "tools", "sessions");
  }
}
