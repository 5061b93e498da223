package io.snakepit.node.cli;

import io.snakepit.api.v1.GetStoreStatusRequest;
import io.snakepit.api.v1.StoreMember;
import io.snakepit.api.v1.StoreStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What a node knows of its cluster's session store; {@code cluster} alone shows the status. */
@Command(
    name = "cluster",
    description =
        "Shows the session store's replicas (status, the default); starts and stops a local"
            + " cluster (up, down).",
    subcommands = {ClusterUpCommand.class, ClusterDownCommand.class})
final class ClusterCommand implements Callable<Integer> {

  /** The store has no leader, or a member is unhealthy: for scripts and health checks. */
  static final int EXIT_UNHEALTHY = 3;

  @Spec CommandSpec spec;

  @Mixin TargetOption target;

  @Override
  public Integer call() {
    return status();
  }

  @Command(
      name = "status",
      description =
          "The node's view of the store: leader, term, its commit, applied and snapshot index,"
              + " and each member's health as the leader sees it. Exits with 3 when there is no"
              + " leader or a member is unhealthy.")
  int status() {
    StoreStatus status;
    try (AdminConnection admin = target.admin()) {
      status = admin.call(stub -> stub.getStoreStatus(GetStoreStatusRequest.getDefaultInstance()));
    }
    CliOutput output = CliOutput.of(spec);
    summary(status).forEach(output::line);
    output.table(members(status));
    boolean healthy =
        !status.getLeader().isEmpty()
            && status.getMembersList().stream().allMatch(StoreMember::getHealthy);
    return healthy ? 0 : EXIT_UNHEALTHY;
  }

  static List<String> summary(StoreStatus status) {
    return List.of(
        "store:    " + status.getType() + ", answered by " + status.getSelf(),
        "leader:   " + (status.getLeader().isEmpty() ? "none known" : status.getLeader()),
        "term:     " + status.getTerm(),
        "indexes:  commit "
            + status.getCommitIndex()
            + ", applied "
            + status.getAppliedIndex()
            + ", snapshot "
            + status.getSnapshotIndex());
  }

  static TextTable members(StoreStatus status) {
    TextTable table =
        new TextTable("MEMBER", "ADDRESS", "ROLE", "HEALTHY", "COMMIT", "LAST CONTACT");
    for (StoreMember member : status.getMembersList()) {
      table.row(
          member.getId(),
          member.getAddress(),
          member.getRole(),
          member.getHealthy() ? "yes" : "no",
          member.hasCommitIndex() ? Long.toString(member.getCommitIndex()) : "-",
          member.hasSinceLastContact() ? lastContact(member) : "-");
    }
    return table;
  }

  private static String lastContact(StoreMember member) {
    com.google.protobuf.Duration since = member.getSinceLastContact();
    return (since.getSeconds() * 1000 + since.getNanos() / 1_000_000) + " ms ago";
  }
}
