package io.snakepit.node.cli;

import io.snakepit.api.v1.AddMemberRequest;
import io.snakepit.api.v1.GetStoreStatusRequest;
import io.snakepit.api.v1.GroupMember;
import io.snakepit.api.v1.MembershipResponse;
import io.snakepit.api.v1.RemoveMemberRequest;
import io.snakepit.api.v1.StoreMember;
import io.snakepit.api.v1.StoreStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What a node knows of its cluster's session store; {@code cluster} alone shows the status. */
@Command(
    name = "cluster",
    description =
        "Shows the session store's replicas (status, the default); adds and removes members of"
            + " the Raft group (add, remove); starts and stops a local cluster (up, down).",
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

  @Command(
      name = "add",
      description =
          "Adds a node to the session group. Start it first with store.raft.join=true and"
              + " store.raft.peers naming the members and itself; the group catches it up, then"
              + " commits the change. Prints the members after it.")
  int add(
      @Option(
              names = "--id",
              required = true,
              paramLabel = "ID",
              description = "The new member's store.raft.id (by default its node.id).")
          String id,
      @Option(
              names = "--raft-address",
              required = true,
              paramLabel = "HOST:PORT",
              description = "Its Raft port, as in store.raft.peers.")
          String raftAddress,
      @Option(
              names = "--api-address",
              paramLabel = "HOST:PORT",
              description =
                  "Its API, registered at once so that calls reach it before it registers"
                      + " itself (optional).")
          String apiAddress) {
    AddMemberRequest.Builder request =
        AddMemberRequest.newBuilder().setId(id).setRaftAddress(raftAddress);
    if (apiAddress != null) {
      request.setApiAddress(apiAddress);
    }
    MembershipResponse members;
    try (AdminConnection admin = target.admin()) {
      members = admin.call(stub -> stub.addMember(request.build()));
    }
    printMembers("added " + id, members);
    return 0;
  }

  @Command(
      name = "remove",
      description =
          "Removes a member from the session group, the leader too; the removed node drains its"
              + " calls and stops. Prints the members after it.")
  int remove(
      @Option(
              names = "--id",
              required = true,
              paramLabel = "ID",
              description = "The member's id, as 'cluster status' lists it.")
          String id) {
    MembershipResponse members;
    try (AdminConnection admin = target.admin()) {
      members =
          admin.call(stub -> stub.removeMember(RemoveMemberRequest.newBuilder().setId(id).build()));
    }
    printMembers("removed " + id, members);
    return 0;
  }

  private void printMembers(String done, MembershipResponse members) {
    CliOutput output = CliOutput.of(spec);
    output.line(done + "; the group has " + members.getMembersCount() + " members:");
    TextTable table = new TextTable("MEMBER", "ADDRESS");
    for (GroupMember member : members.getMembersList()) {
      table.row(member.getId(), member.getRaftAddress());
    }
    output.table(table);
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
