package io.snakepit.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.snakepit.chaos.fault.Faults;
import io.snakepit.chaos.fault.Nemesis;
import io.snakepit.chaos.runtime.RuntimeKind;
import io.snakepit.chaos.workload.CheckReport;
import io.snakepit.client.SnakepitClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The harness must catch a store that is wrong: a three-node cluster whose clients see it through a
 * planted bug (stale reads, compare-and-sets applied twice) is reported not linearizable, and the
 * same run without the bug is not. The bugs sit in the test's client channels, never in the node.
 */
class PlantedBugsIT {

  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void closeChannels() {
    channels.forEach(ManagedChannel::shutdownNow);
  }

  @Test
  void withoutABugTheRunIsLinearizable() throws Exception {
    assertThat(run("clean", null).check().validity()).isEqualTo(CheckReport.Validity.VALID);
  }

  @Test
  void aNodeServingStaleReadsIsCaught() throws Exception {
    CheckReport check = run("stale-reads", new StaleReads(7)).check();

    assertThat(check.validity()).as(check.summary()).isEqualTo(CheckReport.Validity.INVALID);
    assertThat(check.summary()).startsWith("NOT linearizable");
  }

  @Test
  void aCompareAndSetAppliedTwiceIsCaught() throws Exception {
    try (TwiceAppliedSwaps bug = new TwiceAppliedSwaps()) {
      CheckReport check = run("twice-applied", bug).check();

      assertThat(check.validity()).as(check.summary()).isEqualTo(CheckReport.Validity.INVALID);
      assertThat(check.summary()).startsWith("NOT linearizable");
    }
  }

  /** A register run without faults, on node processes, its clients seeing the nodes through bug. */
  private RunResult run(String name, ClientInterceptor bug) throws Exception {
    RunSettings settings =
        new RunSettings(
            "register",
            Faults.NONE,
            3,
            Duration.ofSeconds(10),
            7,
            4,
            RuntimeKind.PROCESSES,
            Path.of(System.getProperty("snakepit.nodeJar")),
            Path.of("target", "planted-bugs", name),
            Nemesis.Rhythm.standard());
    return new ChaosRun(
            settings,
            line -> System.out.println(name + ": " + line),
            targets -> client(targets, bug))
        .run();
  }

  /** One node per client, the first of its targets: with a bug, that node is the buggy one. */
  private synchronized SnakepitClient client(List<String> targets, ClientInterceptor bug) {
    ManagedChannel channel = ManagedChannelBuilder.forTarget(targets.get(0)).usePlaintext().build();
    channels.add(channel);
    return SnakepitClient.forChannel(
        bug == null ? channel : ClientInterceptors.intercept(channel, bug), Duration.ofSeconds(5));
  }
}
